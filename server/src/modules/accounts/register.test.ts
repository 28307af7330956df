import { afterAll, describe, expect, it } from 'vitest';
import { drainEvents, unique, useTestApp } from '../../../test/helpers.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';

const sink = await startSmtpSink();
afterAll(() => sink.close());

function form(overrides: Record<string, unknown> = {}) {
  return {
    email: `${unique('inscrit')}@exemple.fr`,
    password: 'Une phrase de passe assez longue',
    firstName: 'Élodie',
    lastName: 'Durand',
    employer: 'Conseil départemental de la Seine-Saint-Denis',
    job: 'Cheffe de projet politique de la ville',
    departement: '93',
    acceptCgu: true,
    ...overrides,
  };
}

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}

describe('registration', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url });

  it('creates the account, signs in and mails a verification link that works once', async () => {
    const body = form();
    const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(res.statusCode).toBe(201);
    const { user, csrfToken } = res.json();
    expect(user).toMatchObject({ email: body.email, firstName: 'Élodie', departement: '93', emailVerified: false, nationalRole: null, bio: '' });
    expect(user).not.toHaveProperty('passwordHash');
    expect(csrfToken).toEqual(expect.any(String));
    const cookie = cookieOf(res);

    const session = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ user: { id: user.id, emailVerified: false }, csrfToken });

    const mail = await sink.waitForMail(body.email);
    expect(mail.subject).toBe('Confirmez votre adresse électronique');
    expect(mail.html).toContain('lang="fr"');
    const link = /http:\/\/localhost:3000\/verifier-email\?token=([\w-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    expect(mail.html).toContain(link![0]);

    const ok = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: link![1] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    const after = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(after.json()).toMatchObject({ emailVerified: true, memberships: [] });

    const again = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: link![1] } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVALID_TOKEN');
  });

  it('resends a verification link, and the new link replaces the old one', async () => {
    const body = form();
    const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    const headers = { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
    const first = await sink.waitForMail(body.email);
    const since = sink.mails.length;
    const resend = await app.inject({ method: 'POST', url: '/api/auth/resend-verification', headers });
    expect(resend.json()).toEqual({ ok: true });
    const second = await sink.waitForMail(body.email, { since });
    const token = (m: { text: string }) => /token=([\w-]+)/.exec(m.text)![1];
    expect(token(second)).not.toBe(token(first));
    const old = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: token(first) } });
    expect(old.json().code).toBe('INVALID_TOKEN');
    const fresh = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: token(second) } });
    expect(fresh.statusCode).toBe(200);
  });

  it('refuses a duplicate e-mail with 409, whatever its case', async () => {
    const body = form();
    expect((await app.inject({ method: 'POST', url: '/api/auth/register', payload: body })).statusCode).toBe(201);
    const dup = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { ...form(), email: body.email.toUpperCase() } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'EMAIL_TAKEN', fields: { email: expect.any(String) } });
  });

  it('keeps exactly one account when the same e-mail registers twice at once', async () => {
    const body = form();
    const codes = (await Promise.all([1, 2, 3].map(() => app.inject({ method: 'POST', url: '/api/auth/register', payload: body }))))
      .map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409]);
  });

  const bad: [string, Record<string, unknown>, string, string?][] = [
    ['missing last name', { lastName: undefined }, 'VALIDATION_FAILED', 'lastName'],
    ['blank first name', { firstName: '   ' }, 'VALIDATION_FAILED', 'firstName'],
    ['object as employer', { employer: { nom: 'Mairie' } }, 'VALIDATION_FAILED', 'employer'],
    ['invalid e-mail', { email: 'pas-une-adresse' }, 'VALIDATION_FAILED', 'email'],
    ['unknown département', { departement: '20' }, 'VALIDATION_FAILED', 'departement'],
    ['name over the limit', { lastName: 'x'.repeat(81) }, 'VALIDATION_FAILED', 'lastName'],
    ['CGU not accepted', { acceptCgu: false }, 'VALIDATION_FAILED', 'acceptCgu'],
    ['CGU missing', { acceptCgu: undefined }, 'VALIDATION_FAILED', 'acceptCgu'],
    ['list as password', { password: ['a', 'b'] }, 'VALIDATION_FAILED', 'password'],
    ['unknown field', { nationalRole: 'admin' }, 'VALIDATION_FAILED'],
    ['short password', { password: 'court-11car' }, 'WEAK_PASSWORD', 'password'],
    ['common password', { password: 'motdepasse123' }, 'COMMON_PASSWORD', 'password'],
    ['common password in capitals', { password: 'AzertyUiop123' }, 'COMMON_PASSWORD', 'password'],
    ['repeated character', { password: 'aaaaaaaaaaaaaaaa' }, 'COMMON_PASSWORD', 'password'],
  ];
  it.each(bad)('refuses %s with 400', async (_label, change, code, field) => {
    const body: Record<string, unknown> = { ...form(), ...change };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    if (field) expect(res.json().fields).toHaveProperty(field);
  });

  it('accepts Corsican and overseas départements', async () => {
    for (const departement of ['2A', '2B', '971', '976']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: form({ departement }) });
      expect(res.statusCode).toBe(201);
    }
  });

  it('refuses a non-JSON body without a 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: 'email=x', headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('registration without SMTP', async () => {
  const { app } = await useTestApp({ smtpUrl: undefined });

  it('keeps the verification mail in the outbox', async () => {
    const body = form();
    expect((await app.inject({ method: 'POST', url: '/api/auth/register', payload: body })).statusCode).toBe(201);
    await drainEvents(app);
    const { rows } = await app.pool.query<{ status: string; subject: string; text: string }>(
      'SELECT status, subject, text FROM mail_outbox WHERE to_address = $1', [body.email]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'outbox', subject: 'Confirmez votre adresse électronique' });
    expect(rows[0]!.text).toContain('/verifier-email?token=');
  });
});
