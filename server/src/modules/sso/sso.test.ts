import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTestApp, unique, useTestApp } from '../../../test/helpers.js';
import { createUser } from '../../../test/factories.js';
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
const SESSION = '__Host-ecom_sid';

function cookie(res: LightMyRequestResponse, name: string): string | undefined {
  const c = res.cookies.find((x) => x.name === name);
  return c && c.value !== '' ? c.value : undefined;
}

function newAgent(login = unique('agent')) {
  const agent = { email: `${login}@mairie.exemple.fr`, given_name: 'Camille', usual_name: 'Durand' };
  provider.agents.set(login, agent);
  return { login, ...agent };
}

/** Our start route, then the provider's login page as `login`: returns the callback URL and this browser's flow cookie. */
async function throughProvider(app: App, login: string, browser = new ProviderBrowser()) {
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?suite=/communautes' });
  expect(start.statusCode).toBe(303);
  const authorize = new URL(start.headers.location as string);
  expect(authorize.origin).toBe(provider.issuer);
  const callback = await browser.signIn(authorize.href, login, CALLBACK);
  return { callback: new URL(callback), flow: cookie(start, FLOW)!, authorize };
}

async function callback(app: App, url: URL, flow: string | undefined) {
  return app.inject({ method: 'GET', url: url.pathname + url.search, cookies: flow ? { [FLOW]: flow } : {} });
}

const errorCode = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(303);
  const location = new URL(res.headers.location as string, PUBLIC);
  expect(location.pathname).toBe('/connexion/proconnect/erreur');
  expect(cookie(res, SESSION)).toBeUndefined();
  return location.searchParams.get('code');
};

async function signUp(app: App, login: string) {
  const { callback: url, flow } = await throughProvider(app, login);
  const back = await callback(app, url, flow);
  expect(back.headers.location).toBe('/connexion/proconnect/inscription');
  const held = cookie(back, FLOW)!;
  return app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held }, payload: { acceptCgu: true } });
}

describe('ProConnect sign-up and sign-in', async () => {
  const { app } = await useTestApp({ oidc });

  it('tells the client which providers are on, and nothing when unconfigured', async () => {
    expect((await app.inject('/api/auth/providers')).json()).toEqual({ proconnect: { label: 'ProConnect', allowedDomains: [], allowedSirets: [] } });
    const plain = await makeTestApp();
    try {
      expect((await plain.app.inject('/api/auth/providers')).json()).toEqual({ proconnect: null });
      const start = await plain.app.inject('/api/auth/oidc/start');
      expect(errorCode(start)).toBe('OIDC_DISABLED');
    } finally {
      await plain.close();
    }
  });

  it('creates the account only after the CGU are accepted, then signs the same person in again', async () => {
    const agent = newAgent();
    const { callback: url, flow, authorize } = await throughProvider(app, agent.login);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toBeTruthy();
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('acr_values')).toBe('eidas1');
    expect(authorize.searchParams.get('scope')).toBe('openid email given_name usual_name uid siret idp_id organizational_unit belonging_population');

    const back = await callback(app, url, flow);
    expect(back.headers.location).toBe('/connexion/proconnect/inscription');
    const held = cookie(back, FLOW)!;
    // Nothing exists yet: leaving now leaves no account behind.
    const before = await app.pool.query('SELECT 1 FROM users WHERE email = $1', [agent.email]);
    expect(before.rowCount).toBe(0);
    const pending = await app.inject({ method: 'GET', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held } });
    expect(pending.json()).toEqual({ email: agent.email, firstName: 'Camille', lastName: 'Durand', organisation: 'Direction du numérique', siret: '21750001600019', existingAccount: false });
    const refused = await app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held }, payload: { acceptCgu: false } });
    expect(refused.statusCode).toBe(400);

    const created = await app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held }, payload: { acceptCgu: true } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ user: { email: agent.email, firstName: 'Camille', lastName: 'Durand', emailVerified: true }, next: '/communautes' });
    const userId = created.json().user.id;
    const { rows } = await app.pool.query('SELECT sub, idp_id, siret, organisation FROM oidc_identities WHERE user_id = $1', [userId]);
    expect(rows).toEqual([{ sub: agent.login, idp_id: 'idp-test', siret: '21750001600019', organisation: 'Direction du numérique' }]);
    // The held identity is spent.
    const again = await app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held }, payload: { acceptCgu: true } });
    expect(again.json().code).toBe('OIDC_FLOW_EXPIRED');

    const second = await throughProvider(app, agent.login);
    const signedIn = await callback(app, second.callback, second.flow);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/communautes');
    const session = await app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION]: cookie(signedIn, SESSION)! } });
    expect(session.json().user.id).toBe(userId);
  });

  it('ends the ProConnect session at logout (id_token_hint, state, post_logout_redirect_uri)', async () => {
    const agent = newAgent();
    const created = await signUp(app, agent.login);
    const sid = cookie(created, SESSION)!;
    const out = await app.inject({
      method: 'POST', url: '/api/auth/logout', cookies: { [SESSION]: sid }, headers: { 'x-csrf-token': created.json().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const end = new URL(out.json().endSessionUrl);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(end.searchParams.get('state')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC}/connexion`);
    const session = await app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION]: sid } });
    expect(session.json().user).toBeNull();
  });

  it('links an existing password account only after its password is typed', async () => {
    const { user, password } = await createUser(app);
    const login = unique('homonyme');
    provider.agents.set(login, { email: user.email, given_name: 'Autre', usual_name: 'Personne' });
    const { callback: url, flow } = await throughProvider(app, login);
    const back = await callback(app, url, flow);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/connexion/proconnect/associer');
    expect(cookie(back, SESSION)).toBeUndefined();
    const held = cookie(back, FLOW)!;
    const pending = await app.inject({ method: 'GET', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held } });
    expect(pending.json()).toMatchObject({ email: user.email, existingAccount: true });
    // Creating a second account with the address is refused; so is a wrong password.
    const signup = await app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held }, payload: { acceptCgu: true } });
    expect(signup.json().code).toBe('OIDC_EMAIL_HAS_ACCOUNT');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/oidc/link', cookies: { [FLOW]: held }, payload: { password: 'pas le bon mot de passe' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', fields: { password: 'Mot de passe incorrect.' } });
    const none = await app.pool.query('SELECT 1 FROM oidc_identities WHERE user_id = $1', [user.id]);
    expect(none.rowCount).toBe(0);

    const linked = await app.inject({ method: 'POST', url: '/api/auth/oidc/link', cookies: { [FLOW]: held }, payload: { password } });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().user.id).toBe(user.id);
    const again = await throughProvider(app, login);
    const signedIn = await callback(app, again.callback, again.flow);
    expect(signedIn.headers.location).toBe('/communautes');
    const session = await app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION]: cookie(signedIn, SESSION)! } });
    expect(session.json().user.id).toBe(user.id);
  });

  it('refuses forged and replayed callbacks with stable codes, each with an audit row', async () => {
    const [{ last }] = (await app.pool.query(`SELECT coalesce(max(id), 0)::int AS last FROM security_events`)).rows;
    const agent = newAgent();
    const browser = new ProviderBrowser();
    const first = await throughProvider(app, agent.login, browser);

    const forged = new URL(first.callback);
    forged.searchParams.set('state', 'etat-forge');
    expect(errorCode(await callback(app, forged, first.flow))).toBe('OIDC_STATE_MISMATCH');
    // The flow was spent by the refused attempt: the genuine answer cannot be replayed either.
    expect(errorCode(await callback(app, first.callback, first.flow))).toBe('OIDC_FLOW_EXPIRED');
    expect(errorCode(await callback(app, first.callback, undefined))).toBe('OIDC_FLOW_EXPIRED');

    // A code already used, presented with a fresh flow of this browser: the provider refuses it.
    const used = await throughProvider(app, agent.login, browser);
    expect((await callback(app, used.callback, used.flow)).headers.location).toBe('/connexion/proconnect/inscription');
    const fresh = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const state = new URL(fresh.headers.location as string).searchParams.get('state')!;
    const reused = new URL(used.callback);
    reused.searchParams.set('state', state);
    expect(errorCode(await callback(app, reused, cookie(fresh, FLOW)))).toBe('OIDC_CODE_REFUSED');

    // An id_token whose nonce is not the one this flow sent.
    const other = await throughProvider(app, agent.login, browser);
    await app.pool.query(`UPDATE oidc_flows SET nonce = 'autre-nonce' WHERE state = $1`, [other.callback.searchParams.get('state')]);
    expect(errorCode(await callback(app, other.callback, other.flow))).toBe('OIDC_NONCE_MISMATCH');

    // Other test files may write events meanwhile (same database): each of these refusals has its row.
    const { rows } = await app.pool.query(`SELECT code, count(*)::int AS n FROM security_events WHERE id > $1 GROUP BY code`, [last]);
    const written = Object.fromEntries(rows.map((r) => [r.code, r.n]));
    expect(written).toMatchObject({ OIDC_STATE_MISMATCH: expect.any(Number), OIDC_CODE_REFUSED: expect.any(Number), OIDC_NONCE_MISMATCH: expect.any(Number) });
    expect(written.OIDC_FLOW_EXPIRED).toBeGreaterThanOrEqual(2);
    // Only the genuine sign-up step was held; no account was made by any of these.
    expect((await app.pool.query('SELECT 1 FROM users WHERE email = $1', [agent.email])).rowCount).toBe(0);
  });

  it('says so when the person cancels at the provider', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const browser = new ProviderBrowser();
    const toLogin = await browser.go(start.headers.location as string);
    const interaction = new URL(toLogin.headers.get('location')!, provider.issuer);
    const aborted = await browser.go(new URL(`${interaction.pathname}/abort`, provider.issuer).href);
    let url = new URL(aborted.headers.get('location')!, provider.issuer);
    for (let i = 0; i < 5 && !url.href.startsWith(CALLBACK); i++) url = new URL((await browser.go(url.href)).headers.get('location')!, url);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(errorCode(await callback(app, url, cookie(start, FLOW)))).toBe('OIDC_ACCESS_DENIED');
    const { rows } = await app.pool.query(`SELECT kind FROM security_events WHERE code = 'OIDC_ACCESS_DENIED'`);
    expect(rows).toContainEqual({ kind: 'oidc-callback-refused' });
  });
});

describe('ProConnect down', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const { app } = await useTestApp({ oidc: { ...oidc, issuer: `http://127.0.0.1:${port}` } });

  it('sends the browser to the French error page, password sign-in untouched', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(errorCode(start)).toBe('OIDC_PROVIDER_UNAVAILABLE');
    const { user, password } = await createUser(app);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password } });
    expect(res.statusCode).toBe(200);
  });
});

describe('ProConnect going down between the sign-in and the callback', async () => {
  const fragile = await startTestProvider([CALLBACK], [`${PUBLIC}/connexion`]);
  const { app } = await useTestApp({ oidc: { ...oidc, issuer: fragile.issuer } });

  it('sends the browser to the French error page, and no account is left behind', async () => {
    const login = unique('fragile');
    fragile.agents.set(login, { email: `${login}@mairie.exemple.fr`, given_name: 'Léa', usual_name: 'Panne' });
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const url = new URL(await new ProviderBrowser().signIn(start.headers.location as string, login, CALLBACK));
    await fragile.close();
    expect(errorCode(await callback(app, url, cookie(start, FLOW)))).toBe('OIDC_PROVIDER_UNAVAILABLE');
    const { rowCount } = await app.pool.query('SELECT 1 FROM users WHERE email = $1', [`${login}@mairie.exemple.fr`]);
    expect(rowCount).toBe(0);
  });
});
