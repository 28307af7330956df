import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { drainEvents, json, unique, useTestApp } from '../../../test/helpers.js';
import { createUser } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import type { App } from '../../types.js';
import { describeDevice } from './devices.js';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const SID = '__Host-ecom_sid';
const DEVICE = '__Host-ecom_device';

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/** A browser signing in: its own User-Agent and, when it has one, its remembered-device cookie. */
async function signIn(app: App, email: string, password: string, userAgent: string, device?: string) {
  const res = await app.inject({
    method: 'POST', url: '/api/auth/login', payload: { email, password },
    headers: { 'user-agent': userAgent }, cookies: device ? { [DEVICE]: device } : {},
  });
  expect(res.statusCode, res.body).toBe(200);
  const csrf = json<{ csrfToken: string }>(res).csrfToken;
  return {
    headers: { cookie: `${SID}=${cookieOf(res, SID)}`, 'x-csrf-token': csrf, 'user-agent': userAgent },
    device: cookieOf(res, DEVICE)!,
  };
}

async function eventually(check: () => Promise<boolean>, withinMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > withinMs) throw new Error(`toujours pas vrai après ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('« Mes appareils »', async () => {
  const { app: a } = await useTestApp({ smtpUrl: sink.url });
  // A second instance on the same database, with its own session cache.
  const { app: b } = await useTestApp({ smtpUrl: sink.url });
  const me = async (app: App, headers: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode;

  it('names browser and system from the User-Agent, in French when it says nothing', () => {
    expect(describeDevice(FIREFOX_LINUX)).toEqual({ browser: 'Firefox 133', system: 'Linux' });
    expect(describeDevice(SAFARI_IPHONE)).toEqual({ browser: 'Safari 17', system: 'iOS' });
    expect(describeDevice('')).toEqual({ browser: 'Navigateur inconnu', system: 'Système inconnu' });
    expect(describeDevice('n’importe quoi')).toEqual({ browser: 'Navigateur inconnu', system: 'Système inconnu' });
  });

  it('lists the sessions of the person only, this one first and marked, with method and times but no address', async () => {
    const { user, password } = await createUser(a);
    const laptop = await signIn(a, user.email, password, FIREFOX_LINUX);
    const phone = await signIn(a, user.email, password, SAFARI_IPHONE);
    const other = await createUser(a);
    await signIn(a, other.user.email, other.password, FIREFOX_LINUX);

    const res = await a.inject({ method: 'GET', url: '/api/me/sessions', headers: phone.headers });
    expect(res.statusCode).toBe(200);
    const { items } = json<{ items: Record<string, unknown>[] }>(res);
    expect(items).toEqual([
      { id: expect.any(Number), browser: 'Safari 17', system: 'iOS', signInMethod: 'password', createdAt: expect.any(String), lastSeenAt: expect.any(String), current: true },
      { id: expect.any(Number), browser: 'Firefox 133', system: 'Linux', signInMethod: 'password', createdAt: expect.any(String), lastSeenAt: expect.any(String), current: false },
    ]);
    expect(laptop.headers.cookie).not.toBe(phone.headers.cookie);
    // Nothing in the sessions table can hold an address.
    const { rows } = await a.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'sessions'`);
    expect(rows.map((r) => r.column_name).filter((c: string) => /ip|addr/.test(c))).toEqual([]);
    expect((await a.inject({ method: 'GET', url: '/api/me/sessions' })).statusCode).toBe(401);
  });

  it('ends one other session, on every instance at once, but never this one nor someone else’s', async () => {
    const { user, password } = await createUser(a);
    const laptop = await signIn(a, user.email, password, FIREFOX_LINUX);
    const phone = await signIn(a, user.email, password, SAFARI_IPHONE);
    // The phone's session is in both instances' caches.
    expect(await me(a, phone.headers)).toBe(200);
    expect(await me(b, phone.headers)).toBe(200);

    const { items } = json<{ items: { id: number; current: boolean }[] }>(await a.inject({ method: 'GET', url: '/api/me/sessions', headers: laptop.headers }));
    const phoneId = items.find((s) => !s.current)!.id;
    const thisId = items.find((s) => s.current)!.id;
    const intruder = await createUser(a);
    const stranger = await signIn(a, intruder.user.email, intruder.password, FIREFOX_LINUX);
    const foreign = await a.inject({ method: 'DELETE', url: `/api/me/sessions/${phoneId}`, headers: stranger.headers });
    expect(foreign.statusCode).toBe(404);
    expect(json(foreign).code).toBe('SESSION_NOT_FOUND');
    expect((await a.inject({ method: 'DELETE', url: `/api/me/sessions/${thisId}`, headers: laptop.headers })).statusCode).toBe(404);
    // A write without the CSRF token is refused like any other.
    const noCsrf = await a.inject({ method: 'DELETE', url: `/api/me/sessions/${phoneId}`, headers: { cookie: laptop.headers.cookie } });
    expect(json(noCsrf).code).toBe('CSRF_FAILED');

    const ended = await a.inject({ method: 'DELETE', url: `/api/me/sessions/${phoneId}`, headers: laptop.headers });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(json(ended)).toEqual({ ended: 1 });
    expect(await me(a, phone.headers)).toBe(401);
    // The other instance had it cached: the announcement reaches it.
    await eventually(async () => (await me(b, phone.headers)) === 401);
    expect(await me(a, laptop.headers)).toBe(200);
    expect((await a.inject({ method: 'DELETE', url: `/api/me/sessions/${phoneId}`, headers: laptop.headers })).statusCode).toBe(404);
  });

  it('signs out every other device, and so does a change of password, on the other instance too', async () => {
    const { user, password } = await createUser(a);
    const here = await signIn(a, user.email, password, FIREFOX_LINUX);
    const others = [await signIn(a, user.email, password, SAFARI_IPHONE), await signIn(a, user.email, password, FIREFOX_LINUX)];
    for (const o of others) expect(await me(b, o.headers)).toBe(200);
    const res = await b.inject({ method: 'DELETE', url: '/api/me/other-sessions', headers: here.headers });
    expect(json(res)).toEqual({ ended: 2 });
    for (const o of others) {
      expect(await me(b, o.headers)).toBe(401);
      await eventually(async () => (await me(a, o.headers)) === 401);
    }
    expect(await me(a, here.headers)).toBe(200);

    const again = await signIn(a, user.email, password, SAFARI_IPHONE);
    expect(await me(b, again.headers)).toBe(200);
    const newPassword = 'Une toute nouvelle phrase de passe';
    const changed = await a.inject({ method: 'POST', url: '/api/me/password', headers: here.headers, payload: { currentPassword: password, newPassword } });
    expect(changed.statusCode, changed.body).toBe(200);
    await eventually(async () => (await me(b, again.headers)) === 401);
    expect(await me(a, here.headers)).toBe(200);
  });

  it('asks for a fresh proof of identity before ending sessions', async () => {
    const { user, password } = await createUser(a);
    const here = await signIn(a, user.email, password, FIREFOX_LINUX);
    const phone = await signIn(a, user.email, password, SAFARI_IPHONE);
    await a.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [user.id]);
    expect(json(await a.inject({ method: 'DELETE', url: '/api/me/other-sessions', headers: here.headers })).code).toBe('REAUTH_REQUIRED');
    const methods = await a.inject({ method: 'GET', url: '/api/auth/reauth/methods', headers: here.headers });
    expect(json(methods)).toEqual({ password: true, proconnect: false });
    await a.inject({ method: 'POST', url: '/api/auth/reauth', headers: here.headers, payload: { password } });
    expect(json(await a.inject({ method: 'DELETE', url: '/api/me/other-sessions', headers: here.headers }))).toEqual({ ended: 1 });
    expect(await me(a, phone.headers)).toBe(401);
  });

  it('e-mails the person at a sign-in from an unknown browser, not from a known one nor at registration', async () => {
    const { user, password } = await createUser(a);
    const since = sink.mails.length;
    const first = await signIn(a, user.email, password, SAFARI_IPHONE);
    const mail = await sink.waitForMail(user.email, { since });
    expect(mail.subject).toBe('Nouvelle connexion à votre compte');
    expect(mail.text).toContain('Navigateur : Safari 17. Système : iOS. Moyen de connexion : Mot de passe.');
    expect(mail.text).toMatch(/Date : le \d{1,2} \S+ \d{4} à \d{2}:\d{2} \(heure de Paris\)/);
    expect(mail.text).toContain('http://localhost:3000/profil/appareils');
    expect(mail.text).toContain('Changez ensuite votre mot de passe');
    expect(mail.html).toContain('lang="fr"');

    // The same browser again (its remembered-device cookie): nothing.
    const after = sink.mails.length;
    await signIn(a, user.email, password, SAFARI_IPHONE, first.device);
    // Another browser: a second e-mail.
    await signIn(a, user.email, password, FIREFOX_LINUX);
    const second = await sink.waitForMail(user.email, { since: after });
    expect(second.text).toContain('Navigateur : Firefox 133');
    expect(sink.mails.slice(after).filter((m) => m.to.includes(user.email.toLowerCase()))).toHaveLength(1);

    // Registration signs in without an e-mail, and the same browser stays known afterwards.
    const email = `${unique('inscrit')}@exemple.fr`;
    const newPassword = 'Une phrase de passe assez longue';
    const registered = await a.inject({
      method: 'POST', url: '/api/auth/register', headers: { 'user-agent': FIREFOX_LINUX },
      payload: { email, password: newPassword, firstName: 'Élodie', lastName: 'Durand', employer: 'Ville', job: 'Juriste', departement: '93', acceptCgu: true },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const verification = await sink.waitForMail(email);
    const start = sink.mails.indexOf(verification) + 1;
    await signIn(a, email, newPassword, FIREFOX_LINUX, cookieOf(registered, DEVICE));
    await drainEvents(a);
    expect(sink.mails.slice(start).filter((m) => m.to.includes(email.toLowerCase()))).toEqual([]);
  });
});
