import { afterAll, describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { startForgedProvider, type Forgery } from '../../../test/forged-provider.js';
import { signedInUser } from '../../../test/factories.js';
import type { App } from '../../types.js';

/**
 * Callbacks carrying tokens no honest provider would send: each one is refused with a French message on the
 * error page, leaves an audit row and no account. The provider is a loopback stand-in whose token endpoint
 * answers with the forged id_token (test/forged-provider.ts); everything else is our real callback route.
 */
const forged = await startForgedProvider();
afterAll(() => forged.close());
const FLOW = '__Host-ecom_oidc';
const SESSION = '__Host-ecom_sid';
const now = () => Math.floor(Date.now() / 1000);

describe('ProConnect callbacks with forged tokens', async () => {
  const { app } = await useTestApp({
    oidc: { issuer: forged.issuer, clientId: forged.clientId, clientSecret: forged.clientSecret, acrValues: 'eidas1', label: 'ProConnect', allowInsecure: true },
  });

  /** Starts a sign-in, has the stand-in answer the code with `forgery`, and comes back to our callback. */
  async function callbackWith(forgery: Forgery) {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(303);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin).toBe(forged.issuer);
    const code = unique('code');
    forged.forge(code, authorize.searchParams.get('nonce')!, forgery);
    const flow = start.cookies.find((c) => c.name === FLOW)!.value;
    const state = authorize.searchParams.get('state')!;
    const res = await app.inject({ method: 'GET', url: `/api/auth/oidc/callback?code=${code}&state=${state}`, cookies: { [FLOW]: flow } });
    // The stand-in's userinfo gives this address to the code's person.
    return Object.assign(res, { email: `forged-${code}@mairie.exemple.fr` });
  }

  async function refusedWith(forgery: Forgery, expected: string) {
    const before = await lastEventId(app);
    const res = await callbackWith(forgery);
    expect(res.statusCode).toBe(303);
    const location = new URL(res.headers.location as string, 'http://localhost:3000');
    expect(location.pathname).toBe('/connexion/proconnect/erreur');
    expect(location.searchParams.get('code')).toBe(expected);
    expect(res.cookies.find((c) => c.name === SESSION)).toBeUndefined();
    // An audit row of this code (other test files may add theirs meanwhile), and nothing of the half-finished
    // sign-in left behind: no account and no held identity for the address the stand-in gave.
    const events = await app.pool.query(`SELECT 1 FROM security_events WHERE id > $1 AND code = $2`, [before, expected]);
    expect(events.rowCount).toBeGreaterThanOrEqual(1);
    expect((await app.pool.query('SELECT 1 FROM users WHERE email = $1', [res.email])).rowCount).toBe(0);
    expect((await app.pool.query(`SELECT 1 FROM oidc_flows WHERE claims->>'email' = $1`, [res.email])).rowCount).toBe(0);
    return res;
  }

  it('accepts a genuine token, with its amr kept for the second-factor rule', async () => {
    const res = await callbackWith({ claims: { amr: ['pwd', 'totp', 'mfa'] } });
    expect(res.headers.location).toBe('/connexion/proconnect/inscription');
    const { rows } = await app.pool.query(`SELECT claims FROM oidc_flows WHERE claims IS NOT NULL ORDER BY expires_at DESC LIMIT 1`);
    expect(rows[0].claims).toMatchObject({ amr: ['pwd', 'totp', 'mfa'], emailVerified: true, idpId: 'idp-forged' });
  });

  it('refuses an unsigned id_token (alg none)', async () => {
    await refusedWith({ signing: 'none' }, 'OIDC_TOKEN_REJECTED');
  });

  it('refuses an id_token signed with a key the provider does not publish', async () => {
    await refusedWith({ signing: 'other-key' }, 'OIDC_TOKEN_REJECTED');
  });

  it('refuses an id_token for another client (aud)', async () => {
    await refusedWith({ claims: { aud: 'un-autre-service' } }, 'OIDC_TOKEN_REJECTED');
  });

  it('refuses an id_token from another issuer (iss)', async () => {
    await refusedWith({ claims: { iss: 'https://faux-proconnect.exemple' } }, 'OIDC_TOKEN_REJECTED');
  });

  it('refuses an id_token whose nonce is not the one this browser sent', async () => {
    await refusedWith({ claims: { nonce: 'un-autre-nonce' } }, 'OIDC_NONCE_MISMATCH');
  });

  it('refuses an expired id_token', async () => {
    await refusedWith({ claims: { iat: now() - 3600, exp: now() - 3000 } }, 'OIDC_TOKEN_EXPIRED');
  });

  it('tolerates 2 minutes of clock difference and no more', async () => {
    // Our clock ahead of the provider's: the token expired a little less than 2 minutes ago by our clock.
    expect((await callbackWith({ claims: { iat: now() - 175, exp: now() - 115 } })).headers.location).toBe('/connexion/proconnect/inscription');
    await refusedWith({ claims: { iat: now() - 185, exp: now() - 125 } }, 'OIDC_TOKEN_EXPIRED');
    // The provider's clock ahead of ours: its token is not valid before a moment 119 s away, then beyond 2 minutes.
    expect((await callbackWith({ claims: { iat: now() + 119, nbf: now() + 119, exp: now() + 180 } })).headers.location).toBe('/connexion/proconnect/inscription');
    await refusedWith({ claims: { iat: now() + 125, nbf: now() + 125, exp: now() + 185 } }, 'OIDC_TOKEN_EXPIRED');
  });

  it('refuses a callback answered with a provider error, and one whose state is not this browser’s', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const flow = start.cookies.find((c) => c.name === FLOW)!.value;
    const before = await lastEventId(app);
    const res = await app.inject({ method: 'GET', url: `/api/auth/oidc/callback?error=server_error&state=${state}`, cookies: { [FLOW]: flow } });
    expect(new URL(res.headers.location as string, 'http://x').searchParams.get('code')).toBe('OIDC_INVALID_RESPONSE');
    const events = await app.pool.query(`SELECT 1 FROM security_events WHERE id > $1 AND code = 'OIDC_INVALID_RESPONSE'`, [before]);
    expect(events.rowCount).toBeGreaterThanOrEqual(1);

    const other = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const calls = forged.tokenCalls();
    const wrong = await app.inject({
      method: 'GET', url: `/api/auth/oidc/callback?code=x&state=${state}`, cookies: { [FLOW]: other.cookies.find((c) => c.name === FLOW)!.value },
    });
    expect(new URL(wrong.headers.location as string, 'http://x').searchParams.get('code')).toBe('OIDC_STATE_MISMATCH');
    // Refused before the code is ever sent to the provider.
    expect(forged.tokenCalls()).toBe(calls);
  });

  it('shows the refused callbacks to the national team only, newest first', async () => {
    const before = await lastEventId(app);
    await refusedWith({ signing: 'none' }, 'OIDC_TOKEN_REJECTED');
    const { rows } = await app.pool.query(`SELECT kind, code FROM security_events WHERE id > $1`, [before]);
    expect(rows).toContainEqual({ kind: 'oidc-callback-refused', code: 'OIDC_TOKEN_REJECTED' });
    const columns = await app.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'security_events' ORDER BY 1`);
    // No address, no token, no person: the kind, the code and the time.
    expect(columns.rows.map((r) => r.column_name)).toEqual(['code', 'created_at', 'id', 'kind']);

    const { headers: team } = await signedInUser(app, { nationalRole: 'admin' });
    const page = await app.inject({ method: 'GET', url: '/api/national/security-events?limit=2', headers: team });
    expect(page.statusCode).toBe(200);
    expect(page.json().items[0]).toMatchObject({ kind: 'oidc-callback-refused', createdAt: expect.any(String) });
    expect(page.json().nextCursor).toBeTruthy();
    const next = await app.inject({ method: 'GET', url: `/api/national/security-events?limit=2&cursor=${page.json().nextCursor}`, headers: team });
    expect(next.json().items[0].id).toBeLessThan(page.json().items[1].id);
    const { headers: member } = await signedInUser(app);
    expect((await app.inject({ method: 'GET', url: '/api/national/security-events', headers: member })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/national/security-events' })).statusCode).toBe(401);
  });
});

async function lastEventId(app: App): Promise<number> {
  const { rows } = await app.pool.query(`SELECT coalesce(max(id), 0)::int AS last FROM security_events`);
  return rows[0].last;
}
