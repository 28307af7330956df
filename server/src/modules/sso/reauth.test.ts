import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { drainEvents, unique, useTestApp } from '../../../test/helpers.js';
import { ProviderBrowser, startTestProvider } from '../../../test/oidc-provider.js';
import type { App } from '../../types.js';
import type { OidcConfig } from '../../config.js';

const PUBLIC = 'http://localhost:3000';
const CALLBACK = `${PUBLIC}/api/auth/oidc/callback`;
const provider = await startTestProvider([CALLBACK], [`${PUBLIC}/connexion`]);
afterAll(() => provider.close());

const oidc: OidcConfig = {
  issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret,
  acrValues: 'eidas1', label: 'ProConnect', allowInsecure: true,
};
const FLOW = '__Host-ecom_oidc';
const SID = '__Host-ecom_sid';
const cookie = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name && c.value !== '')?.value;

/** A member whose account was created through ProConnect (no password they know), signed in in `browser`. */
async function proconnectMember(app: App, browser: ProviderBrowser) {
  const login = unique('agent');
  provider.agents.set(login, { email: `${login}@mairie.exemple.fr`, given_name: 'Camille', usual_name: 'Durand' });
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  const back = new URL(await browser.signIn(start.headers.location as string, login, CALLBACK));
  const held = await app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { [FLOW]: cookie(start, FLOW)! } });
  const created = await app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: cookie(held, FLOW)! }, payload: { acceptCgu: true } });
  expect(created.statusCode, created.body).toBe(201);
  const sid = cookie(created, SID)!;
  return { login, sid, userId: created.json().user.id as number, headers: { cookie: `${SID}=${sid}`, 'x-csrf-token': created.json().csrfToken as string } };
}

/** Our start route in re-authentication mode, the provider's login page as `login`, then our callback. */
async function reauthThroughProvider(app: App, sid: string, login: string, browser: ProviderBrowser) {
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?confirmation=1&suite=/profil/appareils', cookies: { [SID]: sid } });
  expect(start.statusCode).toBe(303);
  const authorize = new URL(start.headers.location as string);
  const back = new URL(await browser.signIn(authorize.href, login, CALLBACK));
  const res = await app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { [FLOW]: cookie(start, FLOW)!, [SID]: sid } });
  return { authorize, res };
}

describe('ProConnect: re-authentication, and sign-ins from new devices', async () => {
  const { app } = await useTestApp({ oidc });

  it('makes the provider ask again, then refreshes the current session only, and the sensitive action goes through', async () => {
    const browser = new ProviderBrowser();
    const member = await proconnectMember(app, browser);
    // Made stale before the session is first read (and cached with it).
    await app.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [member.userId]);
    expect((await app.inject({ method: 'GET', url: '/api/auth/reauth/methods', headers: member.headers })).json()).toEqual({ password: true, proconnect: true });
    const refused = await app.inject({ method: 'DELETE', url: '/api/me/other-sessions', headers: member.headers });
    expect(refused.json().code).toBe('REAUTH_REQUIRED');

    // The same provider browser still has its session there: prompt=login and max_age=0 make it ask anyway.
    const { authorize, res } = await reauthThroughProvider(app, member.sid, member.login, browser);
    expect(authorize.searchParams.get('prompt')).toBe('login');
    expect(authorize.searchParams.get('max_age')).toBe('0');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/profil/appareils');
    // No new session: the current one is the proof's.
    expect(cookie(res, SID)).toBeUndefined();
    const { rows } = await app.pool.query('SELECT sign_in_method FROM sessions WHERE user_id = $1', [member.userId]);
    expect(rows).toEqual([{ sign_in_method: 'proconnect' }]);
    expect((await app.inject({ method: 'DELETE', url: '/api/me/other-sessions', headers: member.headers })).json()).toEqual({ ended: 0 });
  });

  it('e-mails a ProConnect sign-in from an unknown browser, not the sign-up nor a sign-in from the same browser', async () => {
    const browser = new ProviderBrowser();
    const member = await proconnectMember(app, browser);
    const email = `${member.login}@mairie.exemple.fr`;
    const mails = async () => (await app.pool.query(
      `SELECT text FROM mail_outbox WHERE to_address = $1 AND subject = 'Nouvelle connexion à votre compte' ORDER BY id`, [email])).rows;
    // Signed up: no e-mail; the browser is now known to the account.
    expect(await mails()).toEqual([]);
    const device = (await app.pool.query('SELECT count(*)::int AS n FROM known_devices WHERE user_id = $1', [member.userId])).rows[0].n;
    expect(device).toBe(1);

    const signInFrom = async (cookies: Record<string, string>) => {
      const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      const back = new URL(await browser.signIn(start.headers.location as string, member.login, CALLBACK));
      const res = await app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { [FLOW]: cookie(start, FLOW)!, ...cookies } });
      expect(res.headers.location).toBe('/');
      return res;
    };
    const unknown = await signInFrom({});
    await expect.poll(mails).toHaveLength(1);
    expect((await mails())[0].text).toContain('Moyen de connexion : ProConnect.');
    await signInFrom({ '__Host-ecom_device': cookie(unknown, '__Host-ecom_device')! });
    await drainEvents(app);
    expect(await mails()).toHaveLength(1);
  });

  it('refuses the proof of another ProConnect identity, and anonymous starts', async () => {
    const member = await proconnectMember(app, new ProviderBrowser());
    const other = await proconnectMember(app, new ProviderBrowser());
    await app.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [member.userId]);
    const { res } = await reauthThroughProvider(app, member.sid, other.login, new ProviderBrowser());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion/proconnect/erreur?code=OIDC_REAUTH_OTHER_ACCOUNT');
    expect((await app.inject({ method: 'DELETE', url: '/api/me/other-sessions', headers: member.headers })).json().code).toBe('REAUTH_REQUIRED');

    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?confirmation=1' });
    expect(anonymous.headers.location).toBe('/connexion/proconnect/erreur?code=UNAUTHENTICATED');
  });
});
