import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, createPool } from '../db/client.js';
import { inviterFigures } from '../modules/invitations/queries.js';
import { listInbox, listMessages, loadConversation } from '../modules/messages/queries.js';
import { seedDemo } from './demo.js';
import { seedDemoNetworking } from './demo-networking.js';
import { PARIS_SQL } from '../../../common/time/index.js';

/** Thrown to roll the seed back: the run database is shared with other test files. */
class Rollback extends Error {}

describe('demo seed: networking between peers in « Politique de la Ville »', () => {
  const pool = createPool(inject('databaseUrl'), 2);
  const db = createDb(pool);
  afterAll(() => pool.end());

  it('has co-written pages with revisions, a roster ahead, invitation figures and a group conversation', async () => {
    const checks: Record<string, any> = {};
    await expect(db.transaction(async (tx) => {
      const now = new Date();
      await seedDemo(tx, () => {}, now);
      const q = async (text: string) => (await tx.execute(text)).rows as any[];
      const [{ id: community }] = await q(`SELECT id FROM communities WHERE slug = 'politique-de-la-ville'`);
      const user = async (email: string) => Number((await q(`SELECT id FROM users WHERE email = '${email}'`))[0].id);
      const snapshot = async () => ({
        pages: await q(`
          SELECT p.title, p.revision, count(r.id)::int AS revisions, max(r.number) AS last, count(DISTINCT r.author_id)::int AS authors,
                 bool_and(r.body_html <> '') AS rendered
            FROM wiki_pages p JOIN wiki_revisions r ON r.page_id = p.id
           WHERE p.community_id = ${community} GROUP BY p.id ORDER BY p.id`),
        roster: await q(`
          SELECT r.week_start::text AS week, m.role
            FROM duty_roster r JOIN memberships m ON m.community_id = r.community_id AND m.user_id = r.animator_id
           WHERE r.community_id = ${community} ORDER BY r.week_start`),
        thisWeek: (await q(`SELECT (date_trunc('week', now() AT TIME ZONE ${PARIS_SQL}))::date::text AS w`))[0].w,
        invitations: (await q(`SELECT count(*)::int AS n FROM invitations WHERE community_id = ${community}`))[0].n,
        conversations: (await q(`SELECT count(*)::int AS n FROM conversations WHERE title = 'Webinaire cités éducatives : préparation'`))[0].n,
      });
      checks.first = await snapshot();
      checks.figures = (await inviterFigures(tx, community)).totals;
      const membre = await user('membre@e-communautes.test');
      const aurelie = await user('aurelie.morel@e-communautes.test');
      checks.inbox = (await listInbox(tx, membre, undefined, 20)).find((c) => c.kind === 'group');
      const view = await loadConversation(tx, checks.inbox.id, aurelie);
      checks.aurelie = { view, messages: (await listMessages(tx, checks.inbox.id, view!.visibleFromId, undefined, 30)).items };
      checks.all = (await listMessages(tx, checks.inbox.id, 0, undefined, 30)).items;
      // Running the networking part again adds nothing.
      await seedDemoNetworking(tx, now);
      checks.second = await snapshot();
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);

    expect(checks.first.pages).toEqual([
      { title: 'Mettre en place une cité éducative : guide pratique', revision: 3, revisions: 3, last: 3, authors: 3, rendered: true },
      { title: 'Notes du webinaire « Évaluer son contrat de ville »', revision: 2, revisions: 2, last: 2, authors: 2, rendered: true },
    ]);
    expect(checks.first.roster).toHaveLength(6);
    expect(checks.first.roster[0].week).toBe(checks.first.thisWeek);
    expect(new Set(checks.first.roster.map((r: { role: string }) => r.role))).toEqual(new Set(['animator', 'coordinator']));
    expect(checks.figures).toEqual({ sent: 6, accepted: 1, joined: 1 });
    expect(checks.inbox).toMatchObject({ title: 'Webinaire cités éducatives : préparation', unread_count: 1 });
    expect(checks.all).toHaveLength(7);
    expect(checks.all.filter((m: { kind: string }) => m.kind === 'system').map((m: { body: string }) => m.body)).toEqual(['Samira Benali a ajouté Aurélie Morel']);
    // Aurélie, added on the way, reads from her arrival on.
    expect(checks.aurelie.view).toMatchObject({ kind: 'group', unreadCount: 0 });
    expect(checks.aurelie.view.participants).toHaveLength(4);
    expect(checks.aurelie.messages.at(-1).body).toBe('Samira Benali a ajouté Aurélie Morel');
    expect(checks.aurelie.messages).toHaveLength(4);
    expect(checks.second).toEqual(checks.first);
  });
});
