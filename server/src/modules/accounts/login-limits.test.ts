import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createUser } from '../../../test/factories.js';
import { addressGroup } from '../../lib/client-address.js';
import type { App } from '../../types.js';
import { trustProxy } from '../../config.js';

let n = 0;
// A fresh client address per use, so counters of other tests (and runs) don't interfere.
const newIp = () => `10.${(process.pid >> 8) % 250}.${process.pid % 250}.${(++n % 250) + 1}`;
const newPrefix = () => `2001:db8:${(process.pid % 65_000).toString(16)}:${((Date.now() + ++n) % 65_000).toString(16)}`;

/** The remembered-device cookie a login answer sets, ready for a `cookie:` header. */
function deviceCookie(res: LightMyRequestResponse): string | undefined {
  const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return all.find((c) => /ecom_device=/.test(c))?.split(';')[0];
}

function login(app: App, email: string, password: string, opts: { ip?: string; cookie?: string } = {}) {
  return app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress: opts.ip ?? newIp(),
    headers: opts.cookie ? { cookie: opts.cookie } : {}, payload: { email, password },
  });
}

describe('login limits (failures only, per account and per address)', async () => {
  const { app } = await useTestApp({ rateLimitFactor: 1 });

  it('lets the right password in after many successful sign-ins from one address', async () => {
    const { user, password } = await createUser(app);
    const ip = newIp();
    for (let i = 0; i < 12; i++) expect((await login(app, user.email, password, { ip })).statusCode, `login ${i + 1}`).toBe(200);
  });

  it('counts failures only: successes in between do not use up the account budget', async () => {
    const { user, password } = await createUser(app);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await login(app, user.email, 'mauvais mot de passe')).statusCode).toBe(401);
      expect((await login(app, user.email, password)).statusCode).toBe(200);
    }
  });

  it('delays a new device after five failures with 429, Retry-After and a French message', async () => {
    const { user, password } = await createUser(app);
    for (let i = 0; i < 5; i++) expect((await login(app, user.email, 'mauvais mot de passe')).statusCode).toBe(401);
    const delayed = await login(app, user.email, password);
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().code).toBe('RATE_LIMITED');
    expect(delayed.json().message).toMatch(/^Trop de tentatives .*Réessayez dans \d+ (seconde|minute)s?\.$/);
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThan(0);
    // The wait grows with every failure, up to a ceiling.
    await app.pool.query(`UPDATE rate_limits SET count = count + 20 WHERE key = $1`, [`login-fail:${user.email.toLowerCase()}`]);
    const longer = await login(app, user.email, 'mauvais mot de passe');
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(Number(delayed.headers['retry-after']));
    expect(Number(longer.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  });

  it('never locks the owner out of a device that signed in before, whatever an attacker tries elsewhere', async () => {
    const { user, password } = await createUser(app);
    const first = await login(app, user.email, password);
    expect(first.statusCode).toBe(200);
    const device = deviceCookie(first);
    expect(device).toBeTruthy();
    expect(String(first.headers['set-cookie'])).toMatch(/ecom_device=[^;]+;.*HttpOnly/i);
    // Stored hashed: the cookie's value is nowhere in the table.
    const { rows } = await app.pool.query(`SELECT token_hash FROM known_devices WHERE user_id = $1`, [user.id]);
    expect(rows).toHaveLength(1);
    expect(device).not.toContain(rows[0].token_hash);

    const attacker = newIp();
    for (let i = 0; i < 30; i++) await login(app, user.email, `essai ${i}`, { ip: attacker });
    expect((await login(app, user.email, password, { ip: attacker })).statusCode).toBe(429);
    // The owner's remembered browser still gets in, from any address.
    const owner = await login(app, user.email, password, { cookie: device });
    expect(owner.statusCode, owner.body).toBe(200);
    // A device remembered for someone else gives no pass for this account.
    const other = await createUser(app);
    const otherDevice = deviceCookie(await login(app, other.user.email, other.password));
    expect((await login(app, user.email, password, { cookie: otherDevice })).statusCode).toBe(429);
  });

  it('limits failures per address at a size that fits a town hall, and not its successes', async () => {
    const ip = newIp();
    const { user, password } = await createUser(app);
    const email = `${unique()}@exemple.fr`;
    // An office of hundreds of agents behind one address: 299 failures later, colleagues still get in.
    await app.pool.query(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 299, now() + interval '10 minutes')`, [`login-ip:ip${ip}`]);
    expect((await login(app, user.email, password, { ip })).statusCode).toBe(200);
    expect((await login(app, email, 'mauvais mot de passe', { ip })).statusCode).toBe(401);
    const refused = await login(app, user.email, password, { ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('groups IPv6 addresses by /64', async () => {
    const prefix = newPrefix();
    expect(addressGroup(`${prefix}::1`)).toBe(addressGroup(`${prefix}:ffff:1:2:3`));
    expect(addressGroup('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('2001:db8:0:1::1')).not.toBe(addressGroup('2001:db8:0:2::1'));

    const { user, password } = await createUser(app);
    const group = addressGroup(`${prefix}::1`);
    await app.pool.query(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 300, now() + interval '10 minutes')`, [`login-ip:ip${group}`]);
    // Another address of the same /64 is the same client.
    const res = await login(app, user.email, password, { ip: `${prefix}:abcd::42` });
    expect(res.statusCode).toBe(429);
  });
});

describe('client address behind a reverse proxy (TRUST_PROXY)', async () => {
  const { app } = await useTestApp({ rateLimitFactor: 1, trustProxy: trustProxy('127.0.0.1, 10.0.0.0/8') });

  it('reads TRUST_PROXY as true, a number of hops or a list, and refuses anything else in French', () => {
    expect(trustProxy(undefined)).toBe(false);
    expect(trustProxy('true')).toBe(true);
    const hops = trustProxy('1') as (address: string, hop: number) => boolean;
    expect([hops('192.0.2.1', 0), hops('192.0.2.1', 1)]).toEqual([true, false]);
    expect(trustProxy('127.0.0.1,::1, 10.0.0.0/8')).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
    expect(() => trustProxy('proxy.local')).toThrow(/TRUST_PROXY attend/);
  });

  it('counts failures per real client, not per proxy', async () => {
    const { user, password } = await createUser(app);
    const client = `203.0.113.${(n++ % 250) + 1}`;
    await app.pool.query(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 300, now() + interval '10 minutes')
                          ON CONFLICT (key) DO UPDATE SET count = 300, reset_at = EXCLUDED.reset_at`, [`login-ip:ip${client}`]);
    const via = (forwarded: string) => app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': forwarded }, payload: { email: user.email, password },
    });
    expect((await via(client)).statusCode).toBe(429);
    // A colleague behind the same proxy is another client; an address forged before a trusted hop is ignored.
    expect((await via(`${client}, 198.51.100.7`)).statusCode).toBe(200);
  });
});
