import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/helpers.js';
import { signedInUser } from '../../test/factories.js';
import { act, moderationScene } from '../modules/moderation/moderation.fixtures.js';
import { SESSION_LISTENER_NAME } from './session-cache.js';
import type { App } from '../types.js';

/**
 * Sessions are cached per instance; these tests hold the cache to its promise: a session that
 * ends, or a user whose role, verification, ban or name changes, is seen as such at once on the
 * instance that made the change and within moments on any other.
 */
describe('the session cache', async () => {
  const { app: a } = await useTestApp();
  const { app: b } = await useTestApp();

  async function meStatus(app: App, headers: Record<string, string>): Promise<number> {
    return (await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode;
  }
  async function eventually(check: () => Promise<boolean>, withinMs = 2_000): Promise<number> {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > withinMs) throw new Error(`toujours pas vrai après ${withinMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return Date.now() - start;
  }

  it('a logout through one instance ends the session on both', async () => {
    const { headers } = await signedInUser(a);
    // Warm both caches.
    expect(await meStatus(a, headers)).toBe(200);
    expect(await meStatus(b, headers)).toBe(200);
    const out = await a.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode, out.body).toBeLessThan(300);
    // The instance that logged out: at once.
    expect(await meStatus(a, headers)).toBe(401);
    // The other one: as soon as the announcement arrives.
    const waited = await eventually(async () => (await meStatus(b, headers)) === 401);
    expect(waited).toBeLessThan(1_000);
  });

  it('a ban is applied at once on the instance that banned, without waiting', async () => {
    const scene = await moderationScene(a);
    expect(await meStatus(a, scene.author.headers)).toBe(200);
    const res = await act(a, 'post', scene.post.id, scene.admin.headers, { action: 'ban', reasonCode: 'spam', message: 'Publicités.' });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await meStatus(a, scene.author.headers)).toBe(401);
  });

  it('a change made outside any instance (SQL, a job) reaches both', async () => {
    const { user, headers } = await signedInUser(a);
    const session = async (app: App) => (await app.inject({ method: 'GET', url: '/api/session', headers })).json().user;
    expect((await session(a)).nationalRole ?? null).toBeNull();
    expect((await session(b)).nationalRole ?? null).toBeNull();
    await a.pool.query(`UPDATE users SET national_role = 'admin', first_name = 'Renommée' WHERE id = $1`, [user.id]);
    for (const app of [a, b]) {
      await eventually(async () => {
        const res = await app.inject({ method: 'GET', url: '/api/communities?includeDrafts=true', headers });
        return res.statusCode === 200 && (await session(app)).nationalRole === 'admin';
      });
    }
  });

  it('an instance that lost its LISTEN connection stops serving cached sessions, then listens again', async () => {
    const first = await signedInUser(a);
    const second = await signedInUser(a);
    expect(await meStatus(a, first.headers)).toBe(200);
    expect(await meStatus(a, second.headers)).toBe(200);
    await a.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [SESSION_LISTENER_NAME]);
    await new Promise((r) => setTimeout(r, 100));
    await a.pool.query('DELETE FROM sessions WHERE user_id = $1', [first.user.id]);
    expect(await meStatus(a, first.headers)).toBe(401);
    // Listening again after its retry delay: a logout elsewhere reaches it.
    await eventually(async () => {
      const { rows } = await a.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [SESSION_LISTENER_NAME]);
      return rows[0].n >= 2;
    }, 5_000);
    expect(await meStatus(a, second.headers)).toBe(200);
    expect((await b.inject({ method: 'POST', url: '/api/auth/logout', headers: second.headers })).statusCode).toBeLessThan(300);
    await eventually(async () => (await meStatus(a, second.headers)) === 401);
  });
});
