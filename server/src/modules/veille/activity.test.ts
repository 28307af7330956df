import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { parisToday } from '../../../../common/time/index.js';

/**
 * GET /api/communities/:slug/veille/activity. Items are written directly with chosen reception dates,
 * and the expected figures are recomputed here from that list, with the weeks worked out in
 * JavaScript (Intl, Europe/Paris), not by the query under test.
 */

const DAY = 86_400_000;

/** The Paris calendar date of an instant, as a UTC midnight. */
function parisDate(at: Date): Date {
  const ymd = parisToday(at);
  return new Date(`${ymd}T00:00:00Z`);
}
/** Monday of the Paris week `back` weeks before the current one. */
function monday(back: number): Date {
  const today = parisDate(new Date());
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(today.getTime() - (sinceMonday + 7 * back) * DAY);
}
const ymd = (d: Date) => d.toISOString().slice(0, 10);
/** Wednesday noon UTC of that week: inside the Paris week whatever the season. */
const inWeek = (back: number) => new Date(monday(back).getTime() + 2 * DAY + 12 * 3_600_000);

type Status = 'new' | 'published' | 'dismissed';
interface Fixture { source: string; back: number; status: Status }

describe('veille activity', async () => {
  const { app } = await useTestApp();

  /** Never due (next_poll_at infinity): the poll job run by veille.test.ts must not pick it up. */
  async function addSource(communityId: number, title: string, failures = 0) {
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO veille_sources (community_id, url, title, failure_count, last_error, last_error_at, last_success_at, next_poll_at)
       VALUES ($1, $2, $3, $4::int, CASE WHEN $4::int > 0 THEN 'le site a répondu HTTP 503' END, CASE WHEN $4::int > 0 THEN now() END, now() - interval '2 days',
               'infinity')
       RETURNING id`,
      [communityId, `https://activite.example/${communityId}/${encodeURIComponent(title)}`, title, failures]);
    return rows[0]!.id;
  }

  let n = 0;
  async function addItems(communityId: number, sources: Record<string, number>, list: Fixture[]) {
    for (const f of list) {
      n += 1;
      await app.pool.query(
        `INSERT INTO veille_items (source_id, community_id, guid, link, title, status, fetched_at, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 = 'new' THEN NULL ELSE now() END)`,
        [sources[f.source], communityId, `g${n}`, `https://activite.example/article/${communityId}/${n}`, `Article ${n}`, f.status, inWeek(f.back)]);
    }
  }

  it('gives 12 weeks of received, published and dismissed items per source, the published share and the failing sources', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const sources = {
      Alpha: await addSource(community.id, 'Alpha'),
      Bravo: await addSource(community.id, 'Bravo', 1),
      Charlie: await addSource(community.id, 'Charlie', 3),
      Delta: await addSource(community.id, 'Delta'),
    };
    const fixtures: Fixture[] = [
      { source: 'Alpha', back: 0, status: 'new' }, { source: 'Alpha', back: 0, status: 'published' },
      { source: 'Alpha', back: 0, status: 'dismissed' }, { source: 'Alpha', back: 3, status: 'published' },
      { source: 'Alpha', back: 3, status: 'published' }, { source: 'Alpha', back: 11, status: 'dismissed' },
      { source: 'Bravo', back: 1, status: 'dismissed' }, { source: 'Bravo', back: 1, status: 'dismissed' },
      { source: 'Bravo', back: 7, status: 'new' }, { source: 'Bravo', back: 11, status: 'published' },
      { source: 'Charlie', back: 5, status: 'published' },
      // Before the 12 weeks: not counted.
      { source: 'Alpha', back: 12, status: 'published' }, { source: 'Bravo', back: 20, status: 'dismissed' },
    ];
    await addItems(community.id, sources, fixtures);
    // Another community's items, in the same weeks: not counted either.
    const other = await createCommunity(app);
    const otherSource = await addSource(other.id, 'Alpha');
    await addItems(other.id, { Alpha: otherSource }, [{ source: 'Alpha', back: 0, status: 'published' }, { source: 'Alpha', back: 3, status: 'new' }]);

    const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/veille/activity`, headers: animator.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();

    // Recomputed: weeks oldest first, then each source's column per week and its totals.
    const weeks = Array.from({ length: 12 }, (_, i) => 11 - i);
    expect(body.weeks.map((w: { start: string }) => w.start)).toEqual(weeks.map((back) => ymd(monday(back))));
    const column = (list: Fixture[]) => weeks.map((back) => {
      const here = list.filter((f) => f.back === back);
      return {
        received: here.length,
        published: here.filter((f) => f.status === 'published').length,
        dismissed: here.filter((f) => f.status === 'dismissed').length,
      };
    });
    const totals = (list: Fixture[]) => {
      const inWindow = list.filter((f) => f.back < 12);
      const published = inWindow.filter((f) => f.status === 'published').length;
      const dismissed = inWindow.filter((f) => f.status === 'dismissed').length;
      return {
        received: inWindow.length, published, dismissed, pending: inWindow.length - published - dismissed,
        publishedShare: inWindow.length ? published / inWindow.length : null,
      };
    };
    const expected = Object.entries(sources).map(([title, id]) => {
      const mine = fixtures.filter((f) => f.source === title);
      return { id, title, weeks: column(mine), ...totals(mine) };
    });
    expect(body.sources.map(({ id, title, weeks: w, received, published, dismissed, pending, publishedShare }: Record<string, unknown>) =>
      ({ id, title, weeks: w, received, published, dismissed, pending, publishedShare }))).toEqual(expected);
    expect(body.totals).toEqual({ weeks: column(fixtures), ...totals(fixtures) });
    expect(body.totals).toMatchObject({ received: 11, published: 5, publishedShare: 5 / 11 });

    // Broken sources: the reporting's own data (failures in a row, last error, last success).
    const states = Object.fromEntries(body.sources.map((s: { title: string; state: string }) => [s.title, s.state]));
    expect(states).toEqual({ Alpha: 'ok', Bravo: 'failing', Charlie: 'broken', Delta: 'ok' });
    expect(body.sources[2]).toMatchObject({ error: { message: 'le site a répondu HTTP 503', failuresInARow: 3 } });
    expect(body.sources[2].lastSuccessAt).toEqual(expect.any(String));
    expect(body.sources[3]).toMatchObject({ received: 0, publishedShare: null });

    // Coordinators and national admins see it too.
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const admin = await signIn(app, { nationalRole: 'admin' });
    for (const who of [coordinator, admin]) {
      const seen = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/veille/activity`, headers: who.headers });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().totals).toEqual(body.totals);
    }
  });

  it('is read from the activity index alone', async () => {
    const community = await createCommunity(app);
    const client = await app.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN SELECT i.source_id, count(*) FROM veille_items i
        WHERE i.community_id = $1 AND i.fetched_at >= now() - interval '12 weeks' GROUP BY 1`, [community.id]);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using veille_items_activity_idx/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('refuses anyone outside the animation team, and unknown communities, with the French errors', async () => {
    const community = await createCommunity(app);
    const url = `/api/communities/${community.slug}/veille/activity`;
    const member = await memberOf(app, community.id);
    const otherAnimator = await memberOf(app, (await createCommunity(app)).id, 'animator');
    for (const who of [member, otherAnimator]) {
      const res = await app.inject({ method: 'GET', url, headers: who.headers });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: 'La veille est réservée à l’équipe d’animation de l’e-communauté.' });
    }
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const unknown = await app.inject({ method: 'GET', url: '/api/communities/nulle-part-0000/veille/activity', headers: otherAnimator.headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'COMMUNITY_NOT_FOUND', message: 'E-communauté introuvable.' });
    // A draft community is invisible to an animator who is not its coordinator: 404 as well.
    const draft = await createCommunity(app, { status: 'draft' });
    const draftAnimator = await memberOf(app, draft.id, 'animator');
    const hidden = await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}/veille/activity`, headers: draftAnimator.headers });
    expect(hidden.json()).toMatchObject({ code: 'COMMUNITY_NOT_FOUND' });
  });
});
