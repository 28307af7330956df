import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp, unique } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { commentOn, flag, moderationScene } from './moderation.fixtures.js';

describe('flags and their reasons', async () => {
  const { app } = await useTestApp();

  it('lists the seeded charter reasons, in order, to anyone', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/moderation/reasons' });
    expect(res.statusCode).toBe(200);
    const seeded = ['diffamation', 'discrimination', 'manque_bienveillance', 'devoir_reserve', 'defaut_anonymisation', 'demarche_commerciale', 'spam', 'autre'];
    // Other test files (the authorization matrix, the fuzz) add reasons to the shared database at any position:
    // only the seeded reasons' relative order is this test's business.
    const codes = res.json().items.map((r: { code: string }) => r.code).filter((c: string) => seeded.includes(c));
    expect(codes).toEqual(seeded);
    expect(res.json().items.find((r: { code: string }) => r.code === 'devoir_reserve')).toMatchObject({ label: 'Devoir de réserve', article: 'Charte éditoriale, art. 2' });
  });

  it('lets the national admin add, edit and deactivate reasons; others get 403', async () => {
    const admin = await signIn(app, { nationalRole: 'admin' });
    const member = await signIn(app);
    const code = unique('r').toLowerCase();
    const payload = { code, label: 'Hors sujet', description: 'Sans rapport avec la communauté.', article: 'Charte éditoriale, art. 6' };
    expect((await app.inject({ method: 'POST', url: '/api/moderation/reasons', headers: member.headers, payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/moderation/reasons', payload })).statusCode).toBe(401);
    const created = await app.inject({ method: 'POST', url: '/api/moderation/reasons', headers: admin.headers, payload });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code, active: true });
    const again = await app.inject({ method: 'POST', url: '/api/moderation/reasons', headers: admin.headers, payload });
    expect(again.json().code).toBe('FLAG_REASON_TAKEN');
    const bad = await app.inject({ method: 'POST', url: '/api/moderation/reasons', headers: admin.headers, payload: { ...payload, code: 'Pas Un Code' } });
    expect(bad.statusCode).toBe(400);

    const edited = await app.inject({ method: 'PATCH', url: `/api/moderation/reasons/${code}`, headers: admin.headers, payload: { active: false, label: 'Hors-sujet' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ label: 'Hors-sujet', active: false });
    expect((await app.inject({ method: 'PATCH', url: `/api/moderation/reasons/${code}`, headers: member.headers, payload: { active: true } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: '/api/moderation/reasons/inconnu_x', headers: admin.headers, payload: { active: true } })).statusCode).toBe(404);

    const active = await app.inject({ method: 'GET', url: '/api/moderation/reasons' });
    expect(active.json().items.map((r: { code: string }) => r.code)).not.toContain(code);
    const all = await app.inject({ method: 'GET', url: '/api/moderation/reasons?all=true', headers: admin.headers });
    expect(all.json().items.map((r: { code: string }) => r.code)).toContain(code);
    expect((await app.inject({ method: 'GET', url: '/api/moderation/reasons?all=true', headers: member.headers })).statusCode).toBe(403);

    // An inactive reason can no longer be chosen.
    const { post, reporter } = await moderationScene(app);
    const refused = await flag(app, 'posts', post.id, reporter.headers, code);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields.reasonCode).toBeTruthy();
  });

  it('audits every change to the reasons list once, with before and after, in the network log', async () => {
    const admin = await signIn(app, { nationalRole: 'admin' });
    const member = await signIn(app);
    const code = unique('r').toLowerCase();
    const auditOf = async () => (await app.pool.query(
      `SELECT m.* FROM moderation_audit m JOIN flag_reasons r ON r.id = m.target_id
        WHERE m.target_type = 'flag_reason' AND r.code = $1 ORDER BY m.id`, [code])).rows;
    const payload = { code, label: 'Hors sujet', article: 'Charte éditoriale, art. 6' };
    expect((await app.inject({ method: 'POST', url: '/api/moderation/reasons', headers: admin.headers, payload })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/moderation/reasons', headers: admin.headers, payload })).statusCode).toBe(409);
    expect((await app.inject({ method: 'PATCH', url: `/api/moderation/reasons/${code}`, headers: admin.headers, payload: { label: 'Hors-sujet', active: false } })).statusCode).toBe(200);
    // Refused, or saved without a change: nothing logged.
    expect((await app.inject({ method: 'PATCH', url: `/api/moderation/reasons/${code}`, headers: member.headers, payload: { active: true } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/moderation/reasons/${code}`, headers: admin.headers, payload: { label: 'Hors-sujet' } })).statusCode).toBe(200);

    const rows = await auditOf();
    expect(rows.map((r) => r.action)).toEqual(['reason_create', 'reason_update']);
    expect(rows[0]).toMatchObject({ community_id: null, actor_id: admin.user.id, before: null, after: { code, label: 'Hors sujet', active: true } });
    expect(rows[1]).toMatchObject({ before: { label: 'Hors sujet', active: true }, after: { label: 'Hors-sujet', active: false } });
    // The national team reads it in the network log; the log stays append-only.
    const log = await app.inject({ method: 'GET', url: '/api/moderation/audit', headers: admin.headers });
    expect(log.json().items.find((e: { id: number }) => e.id === rows[1].id)).toMatchObject({ action: 'reason_update', targetType: 'flag_reason', community: null });
    await expect(app.pool.query('UPDATE moderation_audit SET message = $1 WHERE id = $2', ['x', rows[1].id])).rejects.toThrow();
  });

  it('records a flag once per member and item: 409 ALREADY_FLAGGED the second time', async () => {
    const { post, reporter } = await moderationScene(app);
    const first = await flag(app, 'posts', post.id, reporter.headers, 'manque_bienveillance', 'Ton agressif.');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ reasonCode: 'manque_bienveillance' });
    const second = await flag(app, 'posts', post.id, reporter.headers, 'spam');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('ALREADY_FLAGGED');
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM flags WHERE post_id = $1', [post.id]);
    expect(rows[0].n).toBe(1);
  });

  it('flags comments too, separately from their post', async () => {
    const { post, author, reporter } = await moderationScene(app);
    const c = await commentOn(app, post.id, author.headers);
    expect((await flag(app, 'comments', c.id, reporter.headers)).statusCode).toBe(201);
    expect((await flag(app, 'posts', post.id, reporter.headers)).statusCode).toBe(201);
    expect((await flag(app, 'comments', c.id, reporter.headers)).json().code).toBe('ALREADY_FLAGGED');
  });

  it('refuses to flag one’s own content, anonymous flags, unknown items and bad input', async () => {
    const { post, author, reporter } = await moderationScene(app);
    const own = await flag(app, 'posts', post.id, author.headers);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('CANNOT_FLAG_OWN');
    expect((await app.inject({ method: 'POST', url: `/api/posts/${post.id}/flags`, payload: { reasonCode: 'spam' } })).statusCode).toBe(401);
    expect((await flag(app, 'posts', 999_999_999, reporter.headers)).statusCode).toBe(404);
    expect((await flag(app, 'comments', 999_999_999, reporter.headers)).statusCode).toBe(404);
    expect((await flag(app, 'posts', post.id, reporter.headers, 'nimporte_quoi')).statusCode).toBe(400);
    const long = await app.inject({
      method: 'POST', url: `/api/posts/${post.id}/flags`, headers: reporter.headers, payload: { reasonCode: 'spam', comment: 'x'.repeat(1001) },
    });
    expect(long.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/posts/abc/flags', headers: reporter.headers, payload: { reasonCode: 'spam' } })).statusCode).toBe(400);
  });

  it('lets a signed-in reader who is not a member flag, but not in a draft they cannot see', async () => {
    const { post } = await moderationScene(app);
    const outsider = await signIn(app);
    expect((await flag(app, 'posts', post.id, outsider.headers)).statusCode).toBe(201);
    const draft = await createCommunity(app, { status: 'draft' });
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    const { rows } = await app.pool.query(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 'Brouillon', 'x', '<p>x</p>') RETURNING id`,
      [draft.id, coordinator.user.id]);
    expect((await flag(app, 'posts', rows[0].id, outsider.headers)).statusCode).toBe(404);
  });

  it('rate limits flags (429 in French)', async () => {
    const { makeTestApp } = await import('../../../test/helpers.js');
    const strict = await makeTestApp({ rateLimitFactor: 1 });
    try {
      const community = await createCommunity(strict.app);
      const author = await memberOf(strict.app, community.id);
      const reporter = await signIn(strict.app);
      let last = 0;
      for (let i = 0; i < 31; i += 1) {
        const { rows } = await strict.app.pool.query(
          `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 't', 'x', '<p>x</p>') RETURNING id`,
          [community.id, author.user.id]);
        last = (await flag(strict.app, 'posts', rows[0].id, reporter.headers)).statusCode;
      }
      expect(last).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
