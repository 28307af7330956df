import { describe, expect, it } from 'vitest';
import { makeTestApp, useTestApp } from '../../test/helpers.js';
import { createUser, login } from '../../test/factories.js';
import { purgeAccountLeftovers } from '../modules/accounts/jobs.js';

describe('absolute session lifetime (SESSION_MAX_DAYS)', async () => {
  const { app } = await useTestApp({ sessionMaxDays: 2, sessionDays: 30 });

  it('ends a session at its absolute end, however active, through the cache too', async () => {
    const { user, password } = await createUser(app);
    const headers = await login(app, user.email, password);
    const { rows } = await app.pool.query(
      `SELECT extract(epoch FROM absolute_expires_at - created_at)::int AS life, extract(epoch FROM expires_at - created_at)::int AS sliding
         FROM sessions WHERE user_id = $1`, [user.id],
    );
    // Sliding expiry never beyond the absolute end: the cookie and the row both stop at 2 days.
    expect(rows[0].life).toBeGreaterThanOrEqual(2 * 86_400 - 5);
    expect(rows[0].life).toBeLessThanOrEqual(2 * 86_400 + 5);
    expect(rows[0].sliding).toBeLessThanOrEqual(2 * 86_400 + 5);

    // An active session (last seen long ago, so the sliding end is pushed now) is not pushed past its absolute end.
    await app.pool.query(
      `UPDATE sessions SET last_seen_at = now() - interval '2 hours', absolute_expires_at = now() + interval '2 seconds' WHERE user_id = $1`,
      [user.id],
    );
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    const after = await app.pool.query(`SELECT expires_at <= absolute_expires_at AS bounded FROM sessions WHERE user_id = $1`, [user.id]);
    expect(after.rows[0].bounded).toBe(true);
    // Now served from this instance's cache: it still ends on time.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
  });

  it('ends a session past its absolute end when another instance first reads it', async () => {
    const { user, password } = await createUser(app);
    const headers = await login(app, user.email, password);
    await app.pool.query(
      `UPDATE sessions SET created_at = now() - interval '31 days', absolute_expires_at = now() - interval '1 day' WHERE user_id = $1`, [user.id],
    );
    const other = await makeTestApp();
    try {
      expect((await other.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('purge of ended sessions, spent counters and forgotten browsers', async () => {
  const { app } = await useTestApp();

  it('deletes what can no longer be used and keeps the rest', async () => {
    const { user, password } = await createUser(app);
    const headers = await login(app, user.email, password);
    const ended = await createUser(app);
    await login(app, ended.user.email, ended.password);
    await app.pool.query(`UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE user_id = $1`, [ended.user.id]);
    await app.pool.query(`UPDATE known_devices SET last_used_at = now() - interval '366 days' WHERE user_id = $1`, [ended.user.id]);
    const spent = `login-fail:purge-${user.id}@exemple.fr`;
    const live = `login-fail:live-${user.id}@exemple.fr`;
    await app.pool.query(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 3, now() - interval '1 second'), ($2, 3, now() + interval '1 hour')`, [spent, live]);

    const counts = await purgeAccountLeftovers(app.db, 2);
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    const left = async (sqlText: string, v: unknown[]) => (await app.pool.query(sqlText, v)).rows.length;
    expect(await left('SELECT 1 FROM sessions WHERE user_id = $1', [ended.user.id])).toBe(0);
    expect(await left('SELECT 1 FROM known_devices WHERE user_id = $1', [ended.user.id])).toBe(0);
    expect(await left('SELECT 1 FROM rate_limits WHERE key = $1', [spent])).toBe(0);
    expect(await left('SELECT 1 FROM rate_limits WHERE key = $1', [live])).toBe(1);
    expect(await left('SELECT 1 FROM known_devices WHERE user_id = $1', [user.id])).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
  });
});
