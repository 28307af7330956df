import { afterAll, describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createUser, login, signedInUser } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';

const sink = await startSmtpSink();
afterAll(() => sink.close());

describe('login and logout', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url });

  it('signs in, exposes the session, and signs out', async () => {
    const { user, password } = await createUser(app);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email.toUpperCase(), password } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: user.id, email: user.email, emailVerified: true }, csrfToken: expect.any(String) });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const headers = await login(app, user.email, password);
    const session = await app.inject({ method: 'GET', url: '/api/session', headers });
    expect(session.json()).toMatchObject({ user: { id: user.id }, csrfToken: headers.csrf });

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.json()).toEqual({ ok: true });
    const after = await app.inject({ method: 'GET', url: '/api/session', headers });
    expect(after.json()).toEqual({ user: null, csrfToken: null });
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown address', async () => {
    const { user } = await createUser(app);
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'pas le bon mot de passe' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${unique()}@exemple.fr`, password: 'pas le bon mot de passe' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a write with a session but without the CSRF token', async () => {
    const { headers } = await signedInUser(app);
    const res = await app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: headers.cookie }, payload: { job: 'Urbaniste' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    const wrong = await app.inject({ method: 'PATCH', url: '/api/me', headers: { ...headers, 'x-csrf-token': 'faux' }, payload: { job: 'Urbaniste' } });
    expect(wrong.json().code).toBe('CSRF_FAILED');
  });

  it('answers 401 to anonymous requests on private routes', async () => {
    for (const [method, url] of [['GET', '/api/me'], ['PATCH', '/api/me'], ['POST', '/api/me/password'], ['GET', '/api/users/1'],
      ['GET', '/api/users?q=ma'], ['POST', '/api/auth/resend-verification']] as const) {
      const payload = method === 'GET' ? undefined : method === 'PATCH' ? {} : { currentPassword: 'x', newPassword: 'y' };
      const res = await app.inject({ method, url, ...(url === '/api/auth/resend-verification' ? {} : { payload }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('password reset', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url });
  const linkToken = (text: string) => /\/mot-de-passe\/nouveau\?token=([\w-]+)/.exec(text)?.[1];

  it('mails a one-hour link that sets the password once and closes every session', async () => {
    const { user, password } = await createUser(app);
    const old = await login(app, user.email, password);
    const res = await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: user.email } });
    expect(res.json()).toEqual({ ok: true });
    const mail = await sink.waitForMail(user.email);
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
    const token = linkToken(mail.text)!;
    expect(token).toBeTruthy();

    const common = await app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'azertyuiop123' } });
    expect(common.json().code).toBe('COMMON_PASSWORD');

    const newPassword = 'Nouvelle phrase de passe solide';
    const ok = await app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: newPassword } });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: old })).statusCode).toBe(401);

    const reused = await app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'Une autre phrase de passe' } });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('INVALID_TOKEN');

    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password } })).statusCode).toBe(401);
    await login(app, user.email, newPassword);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const email = `${unique('absent')}@exemple.fr`;
    const res = await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    await expect(sink.waitForMail(email, { timeoutMs: 300 })).rejects.toThrow();
  });

  it('refuses an expired or made-up token', async () => {
    const { user } = await createUser(app);
    await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: user.email } });
    const token = linkToken((await sink.waitForMail(user.email)).text)!;
    await app.pool.query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    const expired = await app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'Une phrase de passe valable' } });
    expect(expired.json().code).toBe('INVALID_TOKEN');
    const madeUp = await app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: 'x'.repeat(43), password: 'Une phrase de passe valable' } });
    expect(madeUp.json().code).toBe('INVALID_TOKEN');
  });
});

describe('rate limits', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url, rateLimitFactor: 1 });
  let n = 0;
  // A fresh client address per test, so the counters of other tests don't interfere.
  const newIp = () => `10.${process.pid % 250}.${Date.now() % 250}.${++n}`;

  async function until429(send: () => Promise<{ statusCode: number }>, max: number) {
    const codes: number[] = [];
    for (let i = 0; i <= max; i++) codes.push((await send()).statusCode);
    return codes;
  }

  // Sign-in limits (failures only, per account and per address): login-limits.test.ts.

  it('limits registrations per address', async () => {
    const ip = newIp();
    const codes = await until429(() => app.inject({
      method: 'POST', url: '/api/auth/register', remoteAddress: ip,
      payload: {
        email: `${unique('limite')}@exemple.fr`, password: 'Une phrase de passe assez longue', firstName: 'Lou', lastName: 'Bernard',
        employer: 'Mairie de Brest', job: 'Archiviste', departement: '29', acceptCgu: true,
      },
    }), 5);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('limits reset requests per address and per account', async () => {
    const ip = newIp();
    const perIp = await until429(() => app.inject({
      method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: ip, payload: { email: `${unique()}@exemple.fr` },
    }), 5);
    expect(perIp.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(perIp[5]).toBe(429);
    const email = `${unique()}@exemple.fr`;
    const perEmail = await until429(() => app.inject({
      method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: newIp(), payload: { email },
    }), 5);
    expect(perEmail[5]).toBe(429);
  });

  it('limits verification resends', async () => {
    const { headers } = await signedInUser(app, { verified: false });
    const codes = await until429(() => app.inject({ method: 'POST', url: '/api/auth/resend-verification', headers }), 5);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes[5]).toBe(429);
  });
});
