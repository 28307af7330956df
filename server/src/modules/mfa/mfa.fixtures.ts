import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { createUser, type CreateUserOptions } from '../../../test/factories.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import type { App } from '../../types.js';

/** Cookies a browser would keep from the answers so far (name=value), as one Cookie header. */
export class Jar {
  private readonly values = new Map<string, string>();
  csrf = '';
  take(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.values.delete(name!);
      else this.values.set(name!, value);
    }
    const body = res.headers['content-type']?.toString().includes('json') ? (res.json() as { csrfToken?: string }) : {};
    if (body.csrfToken) this.csrf = body.csrfToken;
    return res;
  }
  has(name: string): boolean {
    return this.values.has(name);
  }
  get headers(): Record<string, string> {
    const cookie = [...this.values].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}) };
  }
}

export async function call(app: App, jar: Jar, method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) {
  return jar.take(await app.inject({ method, url, headers: jar.headers, ...(payload ? { payload } : {}) }));
}

/** The code an authenticator app shows for this secret (as displayed, with spaces), `offset` steps from now. */
export function codeFor(secret: string, offset = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + offset * 30_000 });
}

/** An animator of a new community (staff for MFA_REQUIRED_FOR=staff). */
export async function createStaff(app: App, opts: CreateUserOptions = {}) {
  const made = await createUser(app, opts);
  const community = await createCommunity(app);
  await addMember(app, community.id, made.user.id, 'animator');
  return made;
}

export async function signIn(app: App, jar: Jar, email: string, password: string) {
  const res = await call(app, jar, 'POST', '/api/auth/login', { email, password });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { secondFactor?: { step: 'verify' | 'enrol' }; csrfToken?: string };
}

/** Signs in, enrols an authenticator app from « Sécurité du compte » and returns its secret and recovery codes. */
export async function enrolTotp(app: App, jar: Jar, email: string, password: string) {
  expect((await signIn(app, jar, email, password)).secondFactor).toBeUndefined();
  const started = await call(app, jar, 'POST', '/api/me/security/totp');
  expect(started.statusCode, started.body).toBe(200);
  const { secret } = started.json() as { secret: string };
  const confirmed = await call(app, jar, 'POST', '/api/me/security/totp/confirm', { code: codeFor(secret) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
}
