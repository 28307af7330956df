import { describe, expect, it } from 'vitest';
import { makeTestApp, useTestApp } from '../../test/helpers.js';
import { createUser, login } from '../../test/factories.js';

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
