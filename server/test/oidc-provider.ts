import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider on loopback standing in for ProConnect in the tests: same scopes and
 * claims, RS256 id_token and signed (JWT) userinfo, PKCE required, its own development login page
 * (any login name; the name picks the person below).
 */

export interface Agent {
  email: string;
  given_name: string;
  usual_name: string;
  siret?: string;
  organizational_unit?: string;
  idp_id?: string;
  /** ProConnect sends none; set to false to play a provider that does not vouch for the address. */
  email_verified?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People the provider knows, by login name; tests add their own. */
  agents: Map<string, Agent>;
  /** Env for loadConfig (or OIDC settings for a Config override). */
  env: Record<string, string>;
  close: () => Promise<void>;
}

const CLAIMS = ['email', 'given_name', 'usual_name', 'uid', 'siret', 'idp_id', 'organizational_unit', 'belonging_population'];

export async function startTestProvider(redirectUris: string[], postLogoutRedirectUris: string[]): Promise<TestProvider> {
  let handler: ((req: any, res: any) => void) | undefined;
  const server: Server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'e-communautes-test';
  const clientSecret = 'secret-de-test-uniquement-0123456789abcdef';
  const agents = new Map<string, Agent>();
  const jwk = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutRedirectUris, grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post', id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'RS256',
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['cookie-key-for-tests-only'] },
    // ProConnect: one scope per claim.
    claims: { openid: ['sub'], ...Object.fromEntries(CLAIMS.map((c) => [c, [c]])), email: ['email', 'email_verified'] },
    scopes: ['openid', ...CLAIMS],
    acrValues: ['eidas1', 'eidas2'],
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), so the provider does not warn about its defaults on every test.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 3600, Session: 3600 },
    features: {
      devInteractions: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      // ProConnect's `amr` is asked for with the claims parameter.
      claimsParameter: { enabled: true },
    },
    findAccount: (_ctx: unknown, id: string) => {
      const agent = agents.get(id);
      if (!agent) return undefined;
      return {
        accountId: id,
        claims: () => ({ idp_id: 'idp-test', organizational_unit: 'Direction du numérique', siret: '21750001600019', uid: id, belonging_population: 'agent', ...agent }),
      };
    },
    // ProConnect asks no consent: the grant covers what the client asked for.
    loadExistingGrant: async (ctx: any) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(['openid', ...CLAIMS].join(' '));
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();
  return {
    issuer, clientId, clientSecret, agents,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_ALLOW_HTTP: 'true' },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A cookie jar and redirect-follower for the provider's side, as a browser would. */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  /**
   * Follows the provider's redirects from the authorization URL, signs in as `login` on its
   * development page, and returns the URL it finally sends the browser to (our callback).
   */
  async signIn(authorizationUrl: string, login: string, stopAt: string): Promise<string> {
    let url = authorizationUrl;
    for (let i = 0; i < 10; i++) {
      const res = await this.go(url);
      if (res.status === 200 && /name="prompt" value="login"/.test(await res.text())) {
        const posted = await this.go(url, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'peu-importe' }).toString(),
        });
        url = new URL(posted.headers.get('location')!, url).href;
        continue;
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`provider answered ${res.status} without redirect at ${url}`);
      url = new URL(location, url).href;
      if (url.startsWith(stopAt)) return url;
    }
    throw new Error('too many redirects at the provider');
  }
}
