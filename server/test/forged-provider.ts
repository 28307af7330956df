import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the provider that answers the token endpoint with whatever id_token a test forges:
 * tokens a real provider would never produce (unsigned, signed by another key, for another client, from
 * another issuer, expired, dated in the future). Discovery, keys and a signed userinfo are served as
 * ProConnect serves them, so only the one thing under test is wrong.
 */

export interface Forgery {
  /** Claims over the id_token's defaults (iss, aud, sub, nonce, iat, exp); `undefined` removes one. */
  claims?: Record<string, unknown>;
  /** 'none': unsigned (alg none); 'other-key': signed with a key the provider does not publish. */
  signing?: 'good' | 'none' | 'other-key';
  /** Userinfo claims over the defaults. */
  userinfo?: Record<string, unknown>;
}

export interface ForgedProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Prepares the answer to the next token request for `code`, whose nonce is the one our app sent. */
  forge(code: string, nonce: string, forgery?: Forgery): void;
  /** How many times the token endpoint was called. */
  tokenCalls: () => number;
  close(): Promise<void>;
}

const b64u = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function jwt(payload: Record<string, unknown>, signing: Forgery['signing'], key: KeyObject, other: KeyObject): string {
  if (signing === 'none') return `${b64u({ alg: 'none', typ: 'JWT' })}.${b64u(payload)}.`;
  const input = `${b64u({ alg: 'RS256', typ: 'JWT', kid: 'forged-test' })}.${b64u(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), signing === 'other-key' ? other : key).toString('base64url')}`;
}

async function body(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

export async function startForgedProvider(): Promise<ForgedProvider> {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...key.export({ format: 'jwk' }), d: undefined, p: undefined, q: undefined, dp: undefined, dq: undefined, qi: undefined };
  const clientId = 'forged-client';
  const clientSecret = 'forged-secret-for-tests-only';
  const pending = new Map<string, { nonce: string; forgery: Forgery }>();
  const tokens = new Map<string, { sub: string; userinfo: Record<string, unknown> }>();
  let calls = 0;
  let issuer = '';

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, issuer);
    const send = (status: number, payload: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return send(200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`, jwks_uri: `${issuer}/jwks`, end_session_endpoint: `${issuer}/session/end`,
        response_types_supported: ['code'], subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'], userinfo_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return send(200, { keys: [{ ...jwk, kid: 'forged-test', alg: 'RS256', use: 'sig' }] });
    if (url.pathname === '/token' && req.method === 'POST') {
      calls += 1;
      void body(req).then((form) => {
        const code = form.get('code') ?? '';
        const prepared = pending.get(code);
        pending.delete(code);
        if (!prepared || form.get('client_secret') !== clientSecret) return send(400, { error: 'invalid_grant' });
        const now = Math.floor(Date.now() / 1000);
        const claims: Record<string, unknown> = {
          iss: issuer, aud: clientId, sub: `forged-${code}`, nonce: prepared.nonce, iat: now, exp: now + 60, ...prepared.forgery.claims,
        };
        const accessToken = `at-${code}`;
        tokens.set(accessToken, { sub: String(claims.sub), userinfo: prepared.forgery.userinfo ?? {} });
        return send(200, {
          access_token: accessToken, token_type: 'Bearer', expires_in: 60,
          id_token: jwt(claims, prepared.forgery.signing ?? 'good', key, other),
        });
      });
      return;
    }
    if (url.pathname === '/userinfo') {
      const held = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!held) return send(401, { error: 'invalid_token' });
      const claims = {
        sub: held.sub, iss: issuer, aud: clientId, email: `${held.sub}@mairie.exemple.fr`, given_name: 'Forgé', usual_name: 'Test',
        siret: '21750001600019', idp_id: 'idp-forged', organizational_unit: 'Service test', ...held.userinfo,
      };
      return send(200, jwt(claims, 'good', key, other), 'application/jwt');
    }
    return send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer, clientId, clientSecret,
    forge: (code, nonce, forgery = {}) => { pending.set(code, { nonce, forgery }); },
    tokenCalls: () => calls,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
