import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const day = (iso: string) => iso.slice(0, 10);

describe('editorial calendar: planned posts', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id, 'member');
    return { community, animator, member };
  }

  it('lets an animator plan a draft and schedule a post, shown on the calendar', async () => {
    const { community, animator } = await setup();
    const draft = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'Veille de la semaine', kind: 'veille', plannedAt: '2030-03-04T09:00' },
    });
    expect(draft.statusCode).toBe(201);
    // Paris wall-clock 9:00 in winter is 8:00 UTC.
    expect(draft.json()).toMatchObject({ status: 'draft', kind: 'veille', plannedAt: '2030-03-04T08:00:00.000Z', plannedAtLocal: '2030-03-04T09:00', can: { edit: true, cancel: true } });

    const scheduled = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'Retour d’expérience', body: 'Le texte.', plannedAt: inDays(2), status: 'scheduled' },
    });
    expect(scheduled.statusCode).toBe(201);
    expect(scheduled.json().status).toBe('scheduled');

    const cal = await app.inject({
      method: 'GET', url: `/api/communities/${community.slug}/calendar?from=${day(inDays(0))}&to=${day(inDays(5))}`, headers: animator.headers,
    });
    expect(cal.statusCode).toBe(200);
    expect(cal.json().planned.map((p: { title: string }) => p.title)).toEqual(['Retour d’expérience']);
    expect(cal.json()).toMatchObject({ occurrences: [], published: [], events: [] });
  });

  it('answers each planned post with its kind and the payload fields of that kind, on its own and on the calendar', async () => {
    const { community, animator } = await setup();
    const article = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'Analyse', kind: 'article', plannedAt: inDays(1), payload: { articleType: 'expertise', tags: ['qpv'] } },
    });
    expect(article.statusCode, article.body).toBe(201);
    expect(article.json()).toMatchObject({ kind: 'article', payload: { articleType: 'expertise', tags: ['qpv'] } });
    const cal = await app.inject({
      method: 'GET', url: `/api/communities/${community.slug}/calendar?from=${day(inDays(0))}&to=${day(inDays(3))}`, headers: animator.headers,
    });
    expect(cal.json().planned).toMatchObject([{ id: article.json().id, kind: 'article', payload: { articleType: 'expertise', tags: ['qpv'] } }]);
  });

  it('edits, reschedules to a draft and cancels; a cancelled one is closed (409)', async () => {
    const { community, animator } = await setup();
    const created = (await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'Avant', plannedAt: inDays(3) },
    })).json();
    const edited = await app.inject({
      method: 'PATCH', url: `/api/planned-posts/${created.id}`, headers: animator.headers,
      payload: { title: 'Après', body: 'Corps', status: 'scheduled' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Après', body: 'Corps', status: 'scheduled' });
    const cancelled = await app.inject({ method: 'POST', url: `/api/planned-posts/${created.id}/cancel`, headers: animator.headers });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', can: { edit: false, cancel: false } });
    const again = await app.inject({ method: 'PATCH', url: `/api/planned-posts/${created.id}`, headers: animator.headers, payload: { title: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PLANNED_POST_CLOSED');
  });

  it('refuses scheduling in the past (400 SCHEDULE_IN_PAST), without a body, and impossible dates', async () => {
    const { community, animator } = await setup();
    const url = `/api/communities/${community.slug}/planned-posts`;
    const past = await app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'T', body: 'B', plannedAt: inDays(-1), status: 'scheduled' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('SCHEDULE_IN_PAST');
    const noBody = await app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'T', plannedAt: inDays(1), status: 'scheduled' } });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().fields.body).toBeTruthy();
    for (const plannedAt of ['2030-02-30T10:00', '2030-13-01T10:00', 'demain', '2030-01-01T25:00']) {
      const bad = await app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'T', plannedAt } });
      expect(bad.statusCode, plannedAt).toBe(400);
    }
    // A draft may keep a past date: it is a note, not a publication.
    const oldDraft = await app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'T', plannedAt: inDays(-1) } });
    expect(oldDraft.statusCode).toBe(201);
    // Nothing half-written: only the draft exists.
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM planned_posts WHERE community_id = $1', [community.id]);
    expect(rows[0].n).toBe(1);
  });

  it('is closed to members (403), anonymous visitors (401) and unknown ids (404)', async () => {
    const { community, animator, member } = await setup();
    const created = (await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'T', plannedAt: inDays(1) },
    })).json();
    const range = `from=${day(inDays(0))}&to=${day(inDays(2))}`;
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/calendar?${range}`, headers: member.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/calendar?${range}` })).statusCode).toBe(401);
    expect((await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: member.headers, payload: { title: 'T', plannedAt: inDays(1) },
    })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/planned-posts/${created.id}`, headers: member.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/planned-posts/${created.id}/cancel`, headers: member.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/planned-posts/999999999', headers: animator.headers })).statusCode).toBe(404);
    const outsider = await signIn(app, { nationalRole: 'admin' });
    expect((await app.inject({ method: 'GET', url: `/api/planned-posts/${created.id}`, headers: outsider.headers })).statusCode).toBe(200);
  });

  it('validates the calendar range and the body (400)', async () => {
    const { community, animator } = await setup();
    const base = `/api/communities/${community.slug}/calendar`;
    for (const qs of ['from=2030-01-10&to=2030-01-01', 'from=2030-01-01&to=2030-12-31', 'from=2030-02-30&to=2030-03-01', 'from=x&to=y', '']) {
      expect((await app.inject({ method: 'GET', url: `${base}?${qs}`, headers: animator.headers })).statusCode, qs).toBe(400);
    }
    const extra = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'T', plannedAt: inDays(1), status: 'published' },
    });
    expect(extra.statusCode).toBe(400);
    const kind = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'T', plannedAt: inDays(1), kind: 'sondage' },
    });
    expect(kind.statusCode).toBe(400);
  });
});
