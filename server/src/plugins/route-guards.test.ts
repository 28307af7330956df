import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { buildApp } from '../app.js';
import { createDb, createPool } from '../db/client.js';
import { createMailer } from '../modules/mail/service.js';
import type { App } from '../types.js';
import { signedInUser } from '../../test/factories.js';

/**
 * Routes that only declare `config: { auth, rateLimit }` are guarded by the one hook: the probe routes below do
 * no check of their own. The real application is built, with a limit small enough to reach (`write`: 300 an hour,
 * times the factor).
 */
describe('route guards declared in the route options', () => {
  let app: App;
  let close: () => Promise<void>;
  const reached: number[] = [];

  beforeAll(async () => {
    const config: Config = {
      ...loadConfig({ PUBLIC_URL: 'http://localhost:3000' } as NodeJS.ProcessEnv, []),
      databaseUrl: inject('databaseUrl'), logLevel: 'silent', seedDemo: false, smtpUrl: undefined, rateLimitFactor: 0.01,
    };
    const pool = createPool(config.databaseUrl!, 3);
    const db = createDb(pool);
    const mailer = createMailer(db, undefined, config.mailFrom, () => {});
    app = await buildApp(config, { db, pool, mailer });
    app.post('/api/guard-probe', { config: { auth: 'verified', rateLimit: 'write' } }, async (request) => {
      reached.push(request.user?.id ?? 0);
      return { ok: true };
    });
    app.get('/api/guard-probe', { config: { auth: 'user' } }, async (request) => ({ id: request.user?.id ?? null }));
    await app.ready();
    close = async () => { await app.close(); mailer.close(); await pool.end(); };
  });
  afterAll(() => close());

  const probe = (headers?: Record<string, string>, method: 'GET' | 'POST' = 'POST') =>
    app.inject({ method, url: '/api/guard-probe', headers, ...(method === 'POST' ? { payload: {} } : {}) });

  it('refuses an anonymous caller with 401 UNAUTHENTICATED before the handler', async () => {
    const res = await probe({ origin: 'http://localhost:3000' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expect((await probe(undefined, 'GET')).statusCode).toBe(401);
    expect(reached).toEqual([]);
  });

  it("'verified' refuses an unverified address with 403 EMAIL_NOT_VERIFIED; 'user' lets it through", async () => {
    const unverified = await signedInUser(app, { verified: false });
    const res = await probe(unverified.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('EMAIL_NOT_VERIFIED');
    expect((await probe(unverified.headers, 'GET')).json()).toEqual({ id: unverified.user.id });
    expect(reached).toEqual([]);
  });

  it('counts each call against the declared limit, per person, and answers 429 with Retry-After past it', async () => {
    const member = await signedInUser(app);
    const other = await signedInUser(app);
    const codes: number[] = [];
    for (let i = 0; i < 4; i += 1) codes.push((await probe(member.headers)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const refused = await probe(member.headers);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await probe(other.headers)).statusCode).toBe(200);
    expect(reached).toEqual([member.user.id, member.user.id, member.user.id, other.user.id]);
  });

  it('leaves routes that declare nothing, and unknown addresses, as they were', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const missing = await app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
  });
});
