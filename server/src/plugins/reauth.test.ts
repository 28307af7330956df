import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../../test/helpers.js';
import { createUser, login } from '../../test/factories.js';
import { addMember, createCommunity } from '../../test/community-factories.js';
import { memberOf } from '../modules/posts/posts.fixtures.js';
import type { App } from '../types.js';

/**
 * The page as it is, to be written back unchanged: legal pages are shared by the whole run's database, and other
 * tests read their seeded text.
 */
async function samePage(app: App, slug: string): Promise<{ title: string; body: string }> {
  const page = json<{ title: string; bodyMd: string }>(await app.inject({ method: 'GET', url: `/api/pages/${slug}` }));
  return { title: page.title, body: page.bodyMd };
}

/** A member signed in over HTTP (headers for app.inject), whose proof of identity is made `minutes` old. */
async function staleSession(app: App, opts: Parameters<typeof createUser>[1] = {}, minutes = 11) {
  const { user, password } = await createUser(app, opts);
  const headers: Record<string, string> = { ...(await login(app, user.email, password)) };
  await app.pool.query(
    `UPDATE sessions SET reauthenticated_at = now() - make_interval(mins => $2) WHERE user_id = $1`, [user.id, minutes],
  );
  return { user, password, headers };
}

describe('recent authentication for sensitive staff actions', async () => {
  // No session cache: each request reads the session as another instance would.
  const { app } = await useTestApp({ sessionCacheSeconds: 0 });
  const cached = await useTestApp();

  it('lets the national admin edit a legal page right after signing in, not 11 minutes later', async () => {
    const { user, password } = await createUser(app, { nationalRole: 'admin' });
    const headers: Record<string, string> = { ...(await login(app, user.email, password)) };
    const payload = await samePage(app, 'accessibilite');
    expect((await app.inject({ method: 'PUT', url: '/api/pages/accessibilite', headers, payload })).statusCode).toBe(200);

    await app.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [user.id]);
    const refused = await app.inject({ method: 'PUT', url: '/api/pages/accessibilite', headers, payload });
    expect(refused.statusCode).toBe(403);
    expect(json(refused)).toEqual({ code: 'REAUTH_REQUIRED', message: 'Action sensible : confirmez votre mot de passe pour continuer.' });
  });

  it('takes the password again: a wrong one is refused on its field, the right one opens ten minutes', async () => {
    const admin = await staleSession(app, { nationalRole: 'admin' });
    const payload = await samePage(app, 'mentions-legales');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/reauth', headers: admin.headers, payload: { password: 'pas le bon' } });
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong)).toMatchObject({ code: 'INVALID_CREDENTIALS', fields: { password: 'Mot de passe incorrect.' } });
    // The session survives a wrong password.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/pages/mentions-legales', headers: admin.headers, payload })).statusCode).toBe(403);

    const ok = await app.inject({ method: 'POST', url: '/api/auth/reauth', headers: admin.headers, payload: { password: admin.password } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/pages/mentions-legales', headers: admin.headers, payload })).statusCode).toBe(200);
  });

  it('applies to giving roles and to creating a community with its coordinator', async () => {
    const c = await createCommunity(app);
    const coordinator = await staleSession(app);
    await addMember(app, c.id, coordinator.user.id, 'coordinator');
    const member = await memberOf(app, c.id);
    const url = `/api/communities/${c.slug}/roles/${member.user.id}`;
    const refused = await app.inject({ method: 'PUT', url, headers: coordinator.headers, payload: { role: 'animator' } });
    expect(json(refused).code).toBe('REAUTH_REQUIRED');
    await app.inject({ method: 'POST', url: '/api/auth/reauth', headers: coordinator.headers, payload: { password: coordinator.password } });
    expect((await app.inject({ method: 'PUT', url, headers: coordinator.headers, payload: { role: 'animator' } })).statusCode).toBe(200);

    const admin = await staleSession(app, { nationalRole: 'admin' });
    const wizard = await app.inject({ method: 'POST', url: '/api/national/communities', headers: admin.headers, payload: {} });
    expect(json(wizard).code).toBe('REAUTH_REQUIRED');
  });

  it('applies to validating a service statement', async () => {
    const c = await createCommunity(app);
    const coordinator = await staleSession(app);
    await addMember(app, c.id, coordinator.user.id, 'coordinator');
    const res = await app.inject({ method: 'POST', url: '/api/contracts/statements/1/validation', headers: coordinator.headers });
    expect(json(res).code).toBe('REAUTH_REQUIRED');
  });

  it('leaves ordinary writes alone and answers 401 to anonymous requests', async () => {
    const member = await staleSession(app);
    expect((await app.inject({ method: 'PATCH', url: '/api/me', headers: member.headers, payload: { job: 'Urbaniste' } })).statusCode).toBe(200);
    const anonymous = await app.inject({ method: 'PUT', url: '/api/pages/cgu', payload: { title: 'CGU', body: 'Texte' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('sees a re-authentication made on another instance despite its session cache', async () => {
    const admin = await staleSession(cached.app, { nationalRole: 'admin' });
    const payload = await samePage(app, 'accessibilite');
    // Cached here with its old proof.
    expect((await cached.app.inject({ method: 'PUT', url: '/api/pages/accessibilite', headers: admin.headers, payload })).statusCode).toBe(403);
    // Proved on the other instance.
    expect((await app.inject({ method: 'POST', url: '/api/auth/reauth', headers: admin.headers, payload: { password: admin.password } })).statusCode).toBe(200);
    expect((await cached.app.inject({ method: 'PUT', url: '/api/pages/accessibilite', headers: admin.headers, payload })).statusCode).toBe(200);
  });
});
