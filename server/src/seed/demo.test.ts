import { afterAll, describe, expect, it, inject } from 'vitest';
import { createDb, createPool } from '../db/client.js';
import { verifyPassword } from '../lib/password.js';
import { DEMO_PASSWORD } from './demo-content.js';
import { seedDemo, type DemoSummary } from './demo.js';
import { PARIS_SQL } from '../../../common/time/index.js';

/** Thrown to roll the seed back: the run database is shared with other test files. */
class Rollback extends Error {}

/** What the demo's dashboards and veille show: a living network, nothing dated in the future, offline sources. */
async function livingNetwork(q: (text: string) => Promise<any[]>, ids: string) {
  return {
    audience: (await q(`
      SELECT (SELECT count(DISTINCT user_id)::int FROM member_activity_daily WHERE community_id = ANY(${ids}) AND day >= current_date - 30) AS active,
             (SELECT coalesce(sum(views), 0)::int FROM post_views_daily WHERE community_id = ANY(${ids}) AND day >= current_date - 30) AS views,
             (SELECT count(*)::int FROM member_activity_daily a JOIN memberships m ON m.community_id = a.community_id AND m.user_id = a.user_id
               WHERE a.community_id = ANY(${ids}) AND a.day < (m.joined_at AT TIME ZONE ${PARIS_SQL})::date) AS before_joining,
             (SELECT count(*)::int FROM memberships m WHERE m.community_id = ANY(${ids})
                 AND m.joined_at >= date_trunc('month', now()) - interval '1 month') AS recent_joins,
             (SELECT count(*)::int FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.community_id = ANY(${ids}) AND c.created_at > now()) AS future_comments`))[0],
    veille: (await q(`
      SELECT (SELECT count(*)::int FROM veille_sources s JOIN communities c ON c.id = s.community_id WHERE c.slug = 'politique-de-la-ville') AS sources,
             (SELECT count(*)::int FROM veille_sources WHERE community_id = ANY(${ids}) AND next_poll_at <= now() + interval '1 year') AS due,
             (SELECT count(*)::int FROM veille_items i JOIN communities c ON c.id = i.community_id
               WHERE c.slug = 'politique-de-la-ville' AND i.status = 'new' AND i.published_at < now() AND i.published_at > now() - interval '15 days') AS inbox`))[0],
    cnfpt: (await q(`
      SELECT count(*)::int AS sources, count(*) FILTER (WHERE s.next_poll_at <= now() + interval '1 year')::int AS due,
             sum((SELECT count(*) FROM cnfpt_items i WHERE i.source_id = s.id AND i.published_at < now()))::int AS items
        FROM cnfpt_sources s WHERE s.url LIKE 'https://catalogue-cnfpt.e-communautes.test/%'`))[0],
  };
}

describe('demo seed', () => {
  const pool = createPool(inject('databaseUrl'), 2);
  const db = createDb(pool);
  afterAll(() => pool.end());

  it('loads a consistent demo network in one transaction, then leaves nothing behind', async () => {
    let summary: DemoSummary | undefined;
    const checks: Record<string, any> = {};
    await expect(db.transaction(async (tx) => {
      summary = await seedDemo(tx);
      const ids = `ARRAY[${summary.communityIds.join(',')}]::bigint[]`;
      const q = async (text: string) => (await tx.execute(text)).rows;
      checks.pdlv = (await q(`SELECT status, launch_date::text, perimeter, target_audience, editorial_line FROM communities WHERE slug = 'politique-de-la-ville'`))[0];
      checks.draft = await q(`SELECT slug FROM communities WHERE status = 'draft' AND id = ANY(${ids})`);
      checks.badCommunityCounters = await q(`
        SELECT c.slug FROM communities c WHERE c.id = ANY(${ids}) AND (
          c.member_count <> (SELECT count(*) FROM memberships m WHERE m.community_id = c.id) OR
          c.post_count <> (SELECT count(*) FROM posts p WHERE p.community_id = c.id AND p.deleted_at IS NULL))`);
      checks.badPostCounters = await q(`
        SELECT p.id FROM posts p WHERE p.community_id = ANY(${ids}) AND (
          p.comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.deleted_at IS NULL) OR
          p.useful_count <> (SELECT count(*) FROM post_reactions r WHERE r.post_id = p.id))`);
      checks.postsWithoutComments = await q(`SELECT id FROM posts WHERE community_id = ANY(${ids}) AND comment_count < 1`);
      checks.writersNotMembers = await q(`
        SELECT p.id FROM posts p WHERE p.community_id = ANY(${ids})
           AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.user_id = p.author_id)`);
      checks.roles = await q(`
        SELECT u.email, u.national_role, u.email_verified_at IS NOT NULL AS verified, m.role, u.password_hash, u.demo_account
          FROM users u LEFT JOIN memberships m ON m.user_id = u.id
           AND m.community_id = (SELECT id FROM communities WHERE slug = 'politique-de-la-ville')
         WHERE u.email LIKE '%@e-communautes.test'`);
      checks.membreCommunities = (await q(`
        SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'membre@e-communautes.test'`))[0];
      checks.html = await q(`SELECT body_html, excerpt FROM posts WHERE community_id = ANY(${ids}) AND body_md LIKE '%https://www.cnfpt.fr%' LIMIT 1`);
      checks.questions = await q(`
        SELECT p.title, q.answered_by_staff, q.deadline_at - q.asked_at >= interval '3 days' AS three_days, q.answered_at <= q.deadline_at AS in_time
          FROM questions q JOIN posts p ON p.id = q.post_id WHERE p.community_id = ANY(${ids})`);
      checks.kindsWithoutDetails = await q(`
        SELECT id, kind FROM posts WHERE community_id = ANY(${ids}) AND (
          (kind IN ('veille', 'ressource') AND link_url IS NULL) OR (kind = 'article' AND article_type IS NULL) OR
          (kind = 'question' AND NOT EXISTS (SELECT 1 FROM questions q WHERE q.post_id = posts.id)))`);
      Object.assign(checks, await livingNetwork(q, ids));
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);

    // Demo dashboards show a living community: recent joins, active members, reads; nothing dated in the future.
    expect(checks.audience.active).toBeGreaterThan(10);
    expect(checks.audience.views).toBeGreaterThan(100);
    expect(checks.audience).toMatchObject({ before_joining: 0, future_comments: 0 });
    expect(checks.audience.recent_joins).toBeGreaterThan(0);
    expect(summary!.communities).toBe(5);
    expect(summary!.posts).toBeGreaterThanOrEqual(25);
    expect(summary!.posts).toBeLessThanOrEqual(40);
    expect(summary!.comments).toBeGreaterThanOrEqual(summary!.posts * 2);
    expect(checks.pdlv).toMatchObject({ status: 'open', launch_date: '2023-02-01' });
    expect(checks.pdlv.editorial_line.length).toBeGreaterThan(100);
    expect(checks.draft).toEqual([{ slug: 'commande-publique' }]);
    expect(checks.badCommunityCounters).toEqual([]);
    expect(checks.badPostCounters).toEqual([]);
    expect(checks.postsWithoutComments).toEqual([]);
    expect(checks.writersNotMembers).toEqual([]);
    // Questions get their tracking row from the questions module's own hooks (demo-questions.ts).
    expect(checks.questions).toContainEqual({
      title: 'Question : financer un poste de coordonnateur de cité éducative', answered_by_staff: true, three_days: true, in_time: true,
    });
    expect(checks.kindsWithoutDetails).toEqual([]);

    // Veille can be tried offline: recorded sources, never polled, with recent items in the inbox.
    expect(checks.veille).toEqual({ sources: 2, due: 0, inbox: 7 });
    // So can the CNFPT resources: a national source, never polled, whose training offers reach every community's veille.
    expect(checks.cnfpt).toEqual({ sources: 1, due: 0, items: 3 });

    const byEmail = new Map(checks.roles.map((r: any) => [r.email, r]));
    expect(byEmail.get('admin@e-communautes.test')).toMatchObject({ national_role: 'admin' });
    expect(byEmail.get('coordination@e-communautes.test')).toMatchObject({ role: 'coordinator' });
    expect(byEmail.get('animation@e-communautes.test')).toMatchObject({ role: 'animator' });
    expect(byEmail.get('membre@e-communautes.test')).toMatchObject({ role: 'member' });
    expect(checks.roles.length).toBeGreaterThanOrEqual(24);
    expect(checks.roles.every((r: any) => r.verified)).toBe(true);
    // Shared accounts with a published password: marked so the second factor never applies to them.
    expect(checks.roles.every((r: any) => r.demo_account)).toBe(true);
    expect(await verifyPassword(checks.roles[0].password_hash, DEMO_PASSWORD)).toBe(true);
    expect(checks.membreCommunities.n).toBeGreaterThanOrEqual(2);
    expect(checks.membreCommunities.n).toBeLessThanOrEqual(3);
    expect(checks.html[0].body_html).toContain('<a href="https://www.cnfpt.fr"');
    expect(checks.html[0].excerpt).not.toContain('**');

    const left = await pool.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@e-communautes.test'`);
    expect(left.rows[0].n).toBe(0);
  });
});
