import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';

const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/tmp/ecom-oidc-config-test', APP_SECRET: 'x', ...env } as NodeJS.ProcessEnv, []);

describe('ProConnect configuration', () => {
  it('is off unless OIDC_ISSUER is set', () => {
    expect(load({}).oidc).toBeUndefined();
  });

  it('reads the issuer, client and defaults (eidas1, ProConnect)', () => {
    const { oidc } = load({ OIDC_ISSUER: 'https://fca.integ01.dev-agentconnect.fr/api/v2', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' });
    expect(oidc).toEqual({
      issuer: 'https://fca.integ01.dev-agentconnect.fr/api/v2', clientId: 'id', clientSecret: 's',
      acrValues: 'eidas1', label: 'ProConnect', allowInsecure: false, allowedDomains: [], allowedSirets: [],
    });
    expect(load({ OIDC_ISSUER: 'https://a.fr', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's', OIDC_ACR_VALUES: 'eidas2', OIDC_LABEL: 'AgentConnect' }).oidc)
      .toMatchObject({ acrValues: 'eidas2', label: 'AgentConnect' });
  });

  it('reads the access filter lists, and refuses a malformed entry in French', () => {
    const base = { OIDC_ISSUER: 'https://a.fr', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' };
    expect(load({ ...base, OIDC_ALLOWED_DOMAINS: ' Mairie-Lyon.fr, grandlyon.com ', OIDC_ALLOWED_SIRETS: '217 500 016 00019' }).oidc)
      .toMatchObject({ allowedDomains: ['mairie-lyon.fr', 'grandlyon.com'], allowedSirets: ['21750001600019'] });
    expect(() => load({ ...base, OIDC_ALLOWED_SIRETS: '2175000160' })).toThrow(/OIDC_ALLOWED_SIRETS : « 2175000160 » n’est pas un numéro SIRET/);
    expect(() => load({ ...base, OIDC_ALLOWED_DOMAINS: '@lyon.fr' })).toThrow(/n’est pas un nom de domaine/);
  });

  it('refuses, in French, a missing secret or a plain-HTTP issuer', () => {
    expect(() => load({ OIDC_ISSUER: 'https://a.fr', OIDC_CLIENT_ID: 'id' })).toThrow(/il manque\u202f: OIDC_CLIENT_SECRET/);
    expect(() => load({ OIDC_ISSUER: 'http://a.fr', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' })).toThrow(/https:\/\//);
    expect(load({ OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's', OIDC_ALLOW_HTTP: 'true' }).oidc?.allowInsecure).toBe(true);
  });
});
