import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { ask, comment, questionScene } from './questions.fixtures.js';

describe('questions à traiter, figures, deadline rule, citation picker', async () => {
  const { app } = await useTestApp();
  const getJson = (url: string, headers?: Record<string, string>) => app.inject({ method: 'GET', url, headers });

  it('lists open questions for staff, least time left first, overdue flagged, answered ones gone', async () => {
    const s = await questionScene(app);
    const late = await ask(app, s.community.slug, s.asker, 'Question en retard');
    const soon = await ask(app, s.community.slug, s.asker, 'Question récente');
    const answered = await ask(app, s.community.slug, s.asker, 'Question répondue');
    await app.pool.query(`UPDATE questions SET deadline_at = now() - interval '5 hours' WHERE post_id = $1`, [late]);
    await comment(app, answered, s.animator);
    const url = `/api/communities/${s.community.slug}/questions/pending`;
    const res = await getJson(url, s.animator.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { id: number }) => i.id)).toEqual([late, soon]);
    expect(body.items[0]).toMatchObject({ overdue: true, title: 'Question en retard', author: { id: s.asker.user.id } });
    expect(body.items[1].overdue).toBe(false);
    expect(body.counts).toEqual({ open: 2, overdue: 1 });

    // Keyset pages.
    const first = (await getJson(`${url}?limit=1`, s.coordinator.headers)).json();
    expect(first.items.map((i: { id: number }) => i.id)).toEqual([late]);
    const second = (await getJson(`${url}?limit=1&cursor=${first.nextCursor}`, s.coordinator.headers)).json();
    expect(second.items.map((i: { id: number }) => i.id)).toEqual([soon]);
    expect(second.nextCursor).toBeNull();

    // The staff answer makes it leave the list.
    await comment(app, soon, s.coordinator);
    expect((await getJson(url, s.animator.headers)).json().items.map((i: { id: number }) => i.id)).toEqual([late]);
  });

  it('counts neither in the list nor in its figures the questions whose post was hidden or deleted', async () => {
    const s = await questionScene(app);
    const kept = await ask(app, s.community.slug, s.asker, 'Question visible');
    const hidden = await ask(app, s.community.slug, s.asker, 'Question masquée');
    const deleted = await ask(app, s.community.slug, s.asker, 'Question supprimée');
    await app.pool.query(`UPDATE questions SET deadline_at = now() - interval '1 hour' WHERE post_id = ANY($1)`, [[kept, hidden, deleted]]);
    await app.pool.query(`UPDATE posts SET hidden_at = now() WHERE id = $1`, [hidden]);
    await app.pool.query(`UPDATE posts SET deleted_at = now(), hidden_at = now() WHERE id = $1`, [deleted]);
    const community = (await getJson(`/api/communities/${s.community.slug}/questions/pending`, s.animator.headers)).json();
    expect(community.items.map((i: { id: number }) => i.id)).toEqual([kept]);
    expect(community.counts).toEqual({ open: 1, overdue: 1 });
    const mine = (await getJson('/api/questions/pending', s.animator.headers)).json();
    expect(mine.counts).toEqual({ open: 1, overdue: 1 });
    // Restored by moderation: counted again.
    await app.pool.query(`UPDATE posts SET hidden_at = NULL WHERE id = $1`, [hidden]);
    expect((await getJson(`/api/communities/${s.community.slug}/questions/pending`, s.animator.headers)).json().counts).toEqual({ open: 2, overdue: 2 });
  });

  it('keeps the list to staff: 401 anonymous, 403 member, 400 bad cursor, 404 unknown community', async () => {
    const s = await questionScene(app);
    const url = `/api/communities/${s.community.slug}/questions/pending`;
    expect((await getJson(url)).statusCode).toBe(401);
    expect((await getJson(url, s.member.headers)).statusCode).toBe(403);
    expect((await getJson(`${url}?cursor=nope`, s.animator.headers)).statusCode).toBe(400);
    expect((await getJson('/api/communities/inconnue-xyz/questions/pending', s.animator.headers)).statusCode).toBe(404);
  });

  it('gathers open questions of every community an animator runs', async () => {
    const a = await questionScene(app);
    const b = await createCommunity(app);
    await app.pool.query(`INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, 'animator')`, [b.id, a.animator.user.id]);
    const bAsker = await memberOf(app, b.id);
    const qa = await ask(app, a.community.slug, a.asker);
    const qb = await ask(app, b.slug, bAsker);
    await app.pool.query(`UPDATE questions SET deadline_at = deadline_at - interval '1 day' WHERE post_id = $1`, [qb]);
    const mine = (await getJson('/api/questions/pending', a.animator.headers)).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([qb, qa]);
    expect(mine.items[0].community.slug).toBe(b.slug);
    expect((await getJson('/api/questions/pending', a.member.headers)).json()).toMatchObject({ items: [], counts: { open: 0, overdue: 0 } });
    expect((await getJson('/api/questions/pending')).statusCode).toBe(401);
  });

  it('applies a community deadline rule in working days to questions asked afterwards', async () => {
    const s = await questionScene(app);
    const url = `/api/communities/${s.community.slug}/questions/settings`;
    expect((await getJson(url)).json()).toMatchObject({ days: 3, mode: 'calendar', can: { edit: false } });
    const put = (headers: Record<string, string>, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url, headers, payload });
    expect((await put(s.member.headers, { days: 2, mode: 'working' })).statusCode).toBe(403);
    expect((await put(s.animator.headers, { days: 0, mode: 'working' })).statusCode).toBe(400);
    expect((await put(s.animator.headers, { days: 2, mode: 'lunaire' })).statusCode).toBe(400);
    const ok = await put(s.coordinator.headers, { days: 2, mode: 'working' });
    expect(ok.json()).toEqual({ days: 2, mode: 'working', can: { edit: true } });
    const id = await ask(app, s.community.slug, s.asker);
    const q = (await getJson(`/api/posts/${id}/question`)).json();
    const gapDays = (Date.parse(q.deadlineAt) - Date.parse(q.askedAt)) / 86_400_000;
    // Two working days: from 2 calendar days up to a long weekend with holidays.
    expect(gapDays).toBeGreaterThanOrEqual(2 - 1 / 24);
    expect(gapDays).toBeLessThanOrEqual(6 + 1 / 24);
  });

  it('computes figures per community and per animator over a period', async () => {
    const s = await questionScene(app);
    const ids = await Promise.all([1, 2, 3, 4].map((n) => ask(app, s.community.slug, s.asker, `Question ${n}`)));
    const reply = await comment(app, ids[0]!, s.animator);
    await comment(app, ids[1]!, s.coordinator);
    // Place them in March 2025: answered after 1 h, 10 h (late: deadline 5 h), open overdue, open in time.
    const set = (id: number, asked: string, deadline: string, answered: string | null) =>
      app.pool.query(`UPDATE questions SET asked_at = $2, deadline_at = $3, answered_at = $4 WHERE post_id = $1`, [id, asked, deadline, answered]);
    await set(ids[0]!, '2025-03-10T08:00:00Z', '2025-03-13T08:00:00Z', '2025-03-10T09:00:00Z');
    await set(ids[1]!, '2025-03-11T08:00:00Z', '2025-03-11T13:00:00Z', '2025-03-11T18:00:00Z');
    await set(ids[2]!, '2025-03-12T08:00:00Z', '2025-03-15T08:00:00Z', null);
    await set(ids[3]!, '2025-03-31T22:30:00Z', '2999-01-01T00:00:00Z', null); // 00:30 on 1 April in Paris (UTC+2)
    expect(reply.statusCode).toBe(201);
    const url = `/api/communities/${s.community.slug}/questions/stats`;
    const res = await getJson(`${url}?from=2025-03-01&to=2025-03-31`, s.animator.headers);
    expect(res.statusCode).toBe(200);
    const st = res.json();
    expect(st).toMatchObject({ period: { from: '2025-03-01', to: '2025-03-31' }, asked: 3, answered: 2, answeredWithinDeadline: 1, decided: 3, open: 1, overdue: 1 });
    expect(st.medianSeconds).toBe(5.5 * 3600);
    expect(st.p90Seconds).toBe(Math.round((1 + 0.9 * 9) * 3600));
    expect(st.shareWithinDeadline).toBeCloseTo(1 / 3);
    const byId = Object.fromEntries(st.byAnimator.map((r: { user: { id: number } }) => [r.user.id, r]));
    expect(byId[s.animator.user.id]).toMatchObject({ answered: 1, answeredWithinDeadline: 1, shareWithinDeadline: 1, medianSeconds: 3600 });
    expect(byId[s.coordinator.user.id]).toMatchObject({ answered: 1, answeredWithinDeadline: 0, medianSeconds: 36000 });
    // The Paris day decides: a question asked on 31 March UTC at 22:30 belongs to 1 April.
    const april = (await getJson(`${url}?from=2025-04-01&to=2025-04-01`, s.animator.headers)).json();
    expect(april).toMatchObject({ asked: 1, decided: 0, shareWithinDeadline: null, medianSeconds: null });
  });

  it('refuses invalid periods (400) and non-staff (401/403)', async () => {
    const s = await questionScene(app);
    const url = `/api/communities/${s.community.slug}/questions/stats`;
    for (const q of ['from=2025-03-31&to=2025-03-01', 'from=2025-02-30&to=2025-03-01', 'from=hier', 'from=2010-01-01&to=2025-12-31']) {
      const res = await getJson(`${url}?${q}`, s.animator.headers);
      expect(res.statusCode, q).toBe(400);
    }
    expect((await getJson(`${url}?from=2025-03-31&to=2025-03-01`, s.animator.headers)).json().code).toBe('INVALID_PERIOD');
    expect((await getJson(url, s.animator.headers)).statusCode).toBe(200);
    expect((await getJson(url, s.member.headers)).statusCode).toBe(403);
    expect((await getJson(url)).statusCode).toBe(401);
  });

  it('suggests posts of the community by title, accents and case ignored', async () => {
    const s = await questionScene(app);
    const other = await createCommunity(app);
    const otherMember = await memberOf(app, other.id);
    const post = (slug: string, who: { headers: Record<string, string> }, title: string) =>
      app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers: who.headers, payload: { title, body: 'Texte' } })
        .then((r) => r.json().id as number);
    const a = await post(s.community.slug, s.animator, 'Guide des Élus locaux');
    const b = await post(s.community.slug, s.animator, 'Formation des élus : calendrier');
    const gone = await post(s.community.slug, s.animator, 'Élus et budget (supprimé)');
    await app.inject({ method: 'DELETE', url: `/api/posts/${gone}`, headers: s.animator.headers });
    await post(other.slug, otherMember, 'Élus dans une autre communauté');
    const res = await getJson(`/api/communities/${s.community.slug}/posts/suggest?q=ELUS`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: number }) => i.id).sort()).toEqual([a, b].sort());
    expect((await getJson(`/api/communities/${s.community.slug}/posts/suggest?q=100%25`)).json().items).toEqual([]);
    expect((await getJson(`/api/communities/${s.community.slug}/posts/suggest?q=e`)).statusCode).toBe(400);
    expect((await getJson(`/api/communities/${s.community.slug}/posts/suggest`)).statusCode).toBe(400);
    const draft = await createCommunity(app, { status: 'draft' });
    expect((await getJson(`/api/communities/${draft.slug}/posts/suggest?q=elus`, (await signIn(app)).headers)).statusCode).toBe(404);
  });
});
