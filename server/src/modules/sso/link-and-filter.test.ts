import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createUser } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { ProviderBrowser, startTestProvider, type Agent } from '../../../test/oidc-provider.js';
import type { App } from '../../types.js';
import type { OidcConfig } from '../../config.js';

const PUBLIC = 'http://localhost:3000';
const CALLBACK = `${PUBLIC}/api/auth/oidc/callback`;
const provider = await startTestProvider([CALLBACK], [`${PUBLIC}/connexion`]);
const sink = await startSmtpSink();
afterAll(async () => { await provider.close(); await sink.close(); });
const oidc: OidcConfig = {
  issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret,
  acrValues: 'eidas1', label: 'ProConnect', allowInsecure: true,
};
const FLOW = '__Host-ecom_oidc';
const SESSION = '__Host-ecom_sid';

const cookie = (res: LightMyRequestResponse, name: string) => {
  const c = res.cookies.find((x) => x.name === name);
  return c && c.value !== '' ? c.value : undefined;
};

/** Signs in at the provider as a new person with `agent`'s claims and comes back to our callback. */
async function arrive(app: App, agent: Agent) {
  const login = unique('pc');
  provider.agents.set(login, agent);
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  const url = new URL(await new ProviderBrowser().signIn(start.headers.location as string, login, CALLBACK));
  const back = await app.inject({ method: 'GET', url: url.pathname + url.search, cookies: { [FLOW]: cookie(start, FLOW)! } });
  expect(back.statusCode).toBe(303);
  return { back, login, location: new URL(back.headers.location as string, PUBLIC), held: cookie(back, FLOW) };
}

const post = (app: App, url: string, held: string | undefined, payload: object = {}) =>
  app.inject({ method: 'POST', url, cookies: held ? { [FLOW]: held } : {}, payload });

const identities = async (app: App, userId: number) => (await app.pool.query('SELECT 1 FROM oidc_identities WHERE user_id = $1', [userId])).rowCount;

describe('Linking an existing account by a code sent by e-mail', async () => {
  const { app } = await useTestApp({ oidc, smtpUrl: sink.url });

  async function codeFor(email: string, since: number) {
    const mail = await sink.waitForMail(email, { since });
    const code = /Votre code : (\d{6})/.exec(mail.text)?.[1];
    expect(code).toBeTruthy();
    return code!;
  }

  it('links after the code mailed to the account, once, and signs in', async () => {
    const { user } = await createUser(app, { firstName: 'Nadia' });
    const { location, held } = await arrive(app, { email: user.email, given_name: 'Nadia', usual_name: 'Oubli' });
    expect(location.pathname).toBe('/connexion/proconnect/associer');
    const since = sink.mails.length;
    const sent = await post(app, '/api/auth/oidc/link-code', held);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ expiresInMinutes: 15 });
    const code = await codeFor(user.email, since);
    const mail = sink.mails.slice(since).find((m) => m.to.includes(user.email.toLowerCase()))!;
    expect(mail.subject).toBe('Votre code pour relier ProConnect à votre compte');
    // Only a hash is stored.
    const { rows } = await app.pool.query(`SELECT link_code_hash FROM oidc_flows WHERE claims->>'email' = $1`, [user.email]);
    expect(rows[0].link_code_hash).not.toContain(code);

    const wrong = await post(app, '/api/auth/oidc/link-by-code', held, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'OIDC_LINK_CODE_INVALID', message: 'Code incorrect ou expiré : vérifiez le courriel reçu ou demandez un nouveau code.' });
    expect(await identities(app, user.id)).toBe(0);

    const linked = await post(app, '/api/auth/oidc/link-by-code', held, { code });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().user.id).toBe(user.id);
    expect(cookie(linked, SESSION)).toBeTruthy();
    expect(await identities(app, user.id)).toBe(1);
    // Single use: the held identity is spent with it.
    expect((await post(app, '/api/auth/oidc/link-by-code', held, { code })).json().code).toBe('OIDC_FLOW_EXPIRED');
  });

  it('allows five tries per code, then asks for a new one; an expired code is refused', async () => {
    const { user } = await createUser(app);
    const { held } = await arrive(app, { email: user.email, given_name: 'Paul', usual_name: 'Essais' });
    let since = sink.mails.length;
    await post(app, '/api/auth/oidc/link-code', held);
    const code = await codeFor(user.email, since);
    const bad = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) expect((await post(app, '/api/auth/oidc/link-by-code', held, { code: bad })).json().code).toBe('OIDC_LINK_CODE_INVALID');
    const locked = await post(app, '/api/auth/oidc/link-by-code', held, { code });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('OIDC_LINK_CODE_EXHAUSTED');
    expect((await post(app, '/api/auth/oidc/link-by-code', held, { code })).json().code).toBe('OIDC_LINK_CODE_INVALID');

    since = sink.mails.length;
    await post(app, '/api/auth/oidc/link-code', held);
    const fresh = await codeFor(user.email, since);
    await app.pool.query(`UPDATE oidc_flows SET link_code_expires_at = now() - interval '1 second' WHERE claims->>'email' = $1`, [user.email]);
    expect((await post(app, '/api/auth/oidc/link-by-code', held, { code: fresh })).json().code).toBe('OIDC_LINK_CODE_INVALID');
    expect(await identities(app, user.id)).toBe(0);
  });

  it('never links an address the provider does not vouch for, by password or by code', async () => {
    const { user } = await createUser(app);
    const { location, held } = await arrive(app, { email: user.email, given_name: 'Eve', usual_name: 'Usurpe', email_verified: false });
    expect(location.pathname).toBe('/connexion/proconnect/erreur');
    expect(location.searchParams.get('code')).toBe('OIDC_EMAIL_UNVERIFIED');
    expect(held).toBeUndefined();
    expect(await identities(app, user.id)).toBe(0);
    const { rowCount } = await app.pool.query(`SELECT 1 FROM oidc_flows WHERE claims->>'email' = $1`, [user.email]);
    expect(rowCount).toBe(0);
  });

  it('never links to an account whose own address is not confirmed, and says what to do', async () => {
    const { user } = await createUser(app, { verified: false });
    const { location } = await arrive(app, { email: user.email, given_name: 'Léo', usual_name: 'Attente' });
    expect(location.searchParams.get('code')).toBe('OIDC_ACCOUNT_EMAIL_UNVERIFIED');
    expect(await identities(app, user.id)).toBe(0);
  });

  it('creates an account from an address the provider does not vouch for as unconfirmed, and mails the confirmation link', async () => {
    const email = `${unique('nv')}@mairie.exemple.fr`;
    const { location, held } = await arrive(app, { email, given_name: 'Zoé', usual_name: 'Neuve', email_verified: false });
    expect(location.pathname).toBe('/connexion/proconnect/inscription');
    const since = sink.mails.length;
    const created = await post(app, '/api/auth/oidc/signup', held, { acceptCgu: true });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.emailVerified).toBe(false);
    expect((await sink.waitForMail(email, { since })).subject).toBe('Confirmez votre adresse électronique');
  });
});

describe('Access filtered by e-mail domain or SIRET', async () => {
  const { app } = await useTestApp({ oidc: { ...oidc, allowedDomains: ['autorise.fr'], allowedSirets: ['21690123100011'] } });

  it('states the rule to the client', async () => {
    expect((await app.inject('/api/auth/providers')).json().proconnect).toEqual({
      label: 'ProConnect', allowedDomains: ['autorise.fr'], allowedSirets: ['21690123100011'],
    });
  });

  it('refuses someone outside both lists before anything is created, showing their SIRET and organisation', async () => {
    const email = `${unique('out')}@mairie.exemple.fr`;
    const [{ last }] = (await app.pool.query(`SELECT coalesce(max(id), 0)::int AS last FROM security_events`)).rows;
    const { location, back } = await arrive(app, { email, given_name: 'Hors', usual_name: 'Liste', siret: '21750001600019', organizational_unit: 'Mairie de Paris' });
    expect(location.pathname).toBe('/connexion/proconnect/erreur');
    expect(Object.fromEntries(location.searchParams)).toEqual({ code: 'OIDC_ACCESS_FILTERED', siret: '21750001600019', organisation: 'Mairie de Paris' });
    expect(cookie(back, SESSION)).toBeUndefined();
    expect((await app.pool.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount).toBe(0);
    expect((await app.pool.query(`SELECT 1 FROM oidc_flows WHERE claims->>'email' = $1`, [email])).rowCount).toBe(0);
    const events = await app.pool.query(`SELECT 1 FROM security_events WHERE id > $1 AND code = 'OIDC_ACCESS_FILTERED'`, [last]);
    expect(events.rowCount).toBeGreaterThanOrEqual(1);
  });

  it('refuses linking an existing account from outside the lists, and a known identity once the filter excludes it', async () => {
    const { user } = await createUser(app, { email: `${unique('old')}@mairie.exemple.fr` });
    const linkTry = await arrive(app, { email: user.email, given_name: 'Déjà', usual_name: 'Inscrit' });
    expect(linkTry.location.searchParams.get('code')).toBe('OIDC_ACCESS_FILTERED');
    // An identity linked before the filter was set is refused too.
    const login = unique('known');
    await app.pool.query(`INSERT INTO oidc_identities (sub, idp_id, user_id) VALUES ($1, 'idp-test', $2)`, [login, user.id]);
    provider.agents.set(login, { email: user.email, given_name: 'Déjà', usual_name: 'Inscrit' });
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const url = new URL(await new ProviderBrowser().signIn(start.headers.location as string, login, CALLBACK));
    const back = await app.inject({ method: 'GET', url: url.pathname + url.search, cookies: { [FLOW]: cookie(start, FLOW)! } });
    expect(new URL(back.headers.location as string, PUBLIC).searchParams.get('code')).toBe('OIDC_ACCESS_FILTERED');
    expect(cookie(back, SESSION)).toBeUndefined();
  });

  it('lets in an allowed domain and an allowed SIRET', async () => {
    const byDomain = await arrive(app, { email: `${unique('in')}@autorise.fr`, given_name: 'Ok', usual_name: 'Domaine', siret: '21750001600019' });
    expect(byDomain.location.pathname).toBe('/connexion/proconnect/inscription');
    const bySiret = await arrive(app, { email: `${unique('in')}@ailleurs.fr`, given_name: 'Ok', usual_name: 'Siret', siret: '21690123100011' });
    expect(bySiret.location.pathname).toBe('/connexion/proconnect/inscription');
  });
});
