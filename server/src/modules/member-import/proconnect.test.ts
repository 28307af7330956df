import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { unique, useTestApp } from '../../../test/helpers.js';
import { ProviderBrowser, startTestProvider } from '../../../test/oidc-provider.js';
import type { OidcConfig } from '../../config.js';
import { UNUSABLE_PASSWORD_HASH } from './csv-import.js';
import { queueWelcomeMails } from './welcome.js';

const PUBLIC = 'http://localhost:3000';
const CALLBACK = `${PUBLIC}/api/auth/oidc/callback`;
const FLOW = '__Host-ecom_oidc';
const provider = await startTestProvider([CALLBACK], [`${PUBLIC}/connexion`]);
afterAll(() => provider.close());

const oidc: OidcConfig = {
  issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret,
  acrValues: 'eidas1', label: 'ProConnect', allowInsecure: true,
};

const cookie = (res: LightMyRequestResponse, name: string) => res.cookies.find((x) => x.name === name && x.value !== '')?.value;

describe('ProConnect activates an imported account with the same address', async () => {
  const { app } = await useTestApp({ oidc });

  it('asks for the CGU only (no password), then activates and links the imported account instead of creating one', async () => {
    const login = unique('agent');
    const email = `${login}@mairie.exemple.fr`;
    provider.agents.set(login, { email, given_name: 'Camille', usual_name: 'Durand' });
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, first_name, last_name, employer, imported_at) VALUES ($1, $2, 'Camille', 'Durand', 'Mairie', now()) RETURNING id`,
      [email, UNUSABLE_PASSWORD_HASH]);
    const id = Number(rows[0]!.id);
    await app.db.transaction((tx) => queueWelcomeMails(tx, [id]));

    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?suite=/communautes' });
    const url = new URL(await new ProviderBrowser().signIn(start.headers.location as string, login, CALLBACK));
    const back = await app.inject({ method: 'GET', url: url.pathname + url.search, cookies: { [FLOW]: cookie(start, FLOW)! } });
    // Not the « link with your password » page: an imported account has no password to type.
    expect(back.headers.location).toBe('/connexion/proconnect/inscription');
    const held = cookie(back, FLOW)!;
    expect((await app.inject({ method: 'GET', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held } })).json()).toMatchObject({ email, existingAccount: false });

    const done = await app.inject({ method: 'POST', url: '/api/auth/oidc/signup', cookies: { [FLOW]: held }, payload: { acceptCgu: true } });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ user: { id, email, emailVerified: true }, next: '/communautes' });
    const state = await app.pool.query(
      `SELECT (SELECT count(*)::int FROM users WHERE email = $2) AS accounts, (SELECT count(*)::int FROM oidc_identities WHERE user_id = $1) AS identities,
              (SELECT count(*)::int FROM cgu_acceptances WHERE user_id = $1) AS cgu, (SELECT status FROM import_welcomes WHERE user_id = $1) AS welcome`, [id, email]);
    expect(state.rows[0]).toEqual({ accounts: 1, identities: 1, cgu: 1, welcome: 'activated' });
  });
});
