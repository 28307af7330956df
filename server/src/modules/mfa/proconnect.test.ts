import { afterAll, describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { ProviderBrowser, startTestProvider } from '../../../test/oidc-provider.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { createUser } from '../../../test/factories.js';
import type { OidcConfig } from '../../config.js';
import { amrHasSecondFactor } from './gate.js';
import { call, codeFor, enrolTotp, Jar } from './mfa.fixtures.js';

const PUBLIC = 'http://localhost:3000';
const CALLBACK = `${PUBLIC}/api/auth/oidc/callback`;
const provider = await startTestProvider([CALLBACK], [`${PUBLIC}/connexion`]);
afterAll(() => provider.close());
const oidc: OidcConfig = {
  issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret,
  acrValues: 'eidas1', label: 'ProConnect', allowInsecure: true,
};

describe('second factor after a ProConnect sign-in', async () => {
  const { app } = await useTestApp({ oidc, sessionCacheSeconds: 0 });

  it('reads the amr rule: mfa or a second-factor method satisfies it, a password or an e-mail alone does not', () => {
    for (const amr of [['mfa'], ['pwd', 'otp'], ['pwd', 'totp'], ['hwk'], ['swk'], ['sms', 'pwd'], ['pop'], ['MFA']]) expect(amrHasSecondFactor(amr)).toBe(true);
    for (const amr of [undefined, null, 'mfa', [], ['pwd'], ['mail'], ['pwd', 'kba'], [42]]) expect(amrHasSecondFactor(amr)).toBe(false);
  });

  it('holds a ProConnect sign-in without a second factor in its amr at the same step as a password sign-in', async () => {
    // A staff account with an app, linked to a ProConnect identity whose provider reports no amr.
    const login = unique('agent');
    const email = `${login}@mairie.exemple.fr`;
    provider.agents.set(login, { email, given_name: 'Camille', usual_name: 'Durand' });
    const { user, password } = await createUser(app, { email });
    const userId = user.id;
    await app.pool.query(`INSERT INTO oidc_identities (sub, idp_id, user_id) VALUES ($1, 'idp-test', $2)`, [login, userId]);
    const community = await createCommunity(app);
    await addMember(app, community.id, userId, 'coordinator');
    const { secret } = await enrolTotp(app, new Jar(), email, password);

    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?suite=/communautes' });
    const flow = start.cookies.find((c) => c.name === '__Host-ecom_oidc')!.value;
    const back = new URL(await new ProviderBrowser().signIn(start.headers.location as string, login, CALLBACK));
    const jar = new Jar();
    const res = jar.take(await app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { '__Host-ecom_oidc': flow } }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion/second-facteur?suite=%2Fcommunautes');
    expect(jar.has('__Host-ecom_sid')).toBe(false);

    const done = await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'totp', code: codeFor(secret, 1) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ user: { id: userId }, next: '/communautes' });
    // The ProConnect session is remembered, so logging out ends it there too.
    const logout = await call(app, jar, 'POST', '/api/auth/logout');
    expect(logout.json().endSessionUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
  });
});
