import { describe, expect, it } from 'vitest';
import { drainEvents, useTestApp } from '../../../test/helpers.js';
import { createUser } from '../../../test/factories.js';
import { sessionCookieName } from '../../plugins/session.js';
import { call, codeFor, createStaff, enrolTotp, Jar, signIn } from './mfa.fixtures.js';

describe('second factor: authenticator app (TOTP) and recovery codes', async () => {
  const { app } = await useTestApp({ sessionCacheSeconds: 0 });
  const sid = sessionCookieName(app.config.secureCookies);

  it('enrols with a QR code and the secret in text, confirmed by a first code; the secret is never sent back', async () => {
    const { user, password } = await createStaff(app);
    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    const started = await call(app, jar, 'POST', '/api/me/security/totp');
    const view = started.json() as { secret: string; uri: string; qrCode: string };
    expect(view.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(view.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(view.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(view.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg');

    const wrong = await call(app, jar, 'POST', '/api/me/security/totp/confirm', { code: '000000' === codeFor(view.secret) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'MFA_INVALID_CODE' });
    const ok = await call(app, jar, 'POST', '/api/me/security/totp/confirm', { code: codeFor(view.secret) });
    expect(ok.statusCode, ok.body).toBe(200);
    const codes = (ok.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const state = (await call(app, jar, 'GET', '/api/me/security')).json();
    expect(state).toMatchObject({ totp: true, recoveryCodesLeft: 10, required: true, demoAccount: false });
    expect(JSON.stringify(state)).not.toContain(view.secret.replace(/ /g, ''));
    // Stored encrypted and hashed: neither the secret nor a recovery code is in the database in clear.
    const { rows } = await app.pool.query(
      `SELECT t.secret_encrypted, array_agg(r.code_hash) AS hashes FROM mfa_totp t JOIN mfa_recovery_codes r USING (user_id) WHERE t.user_id = $1 GROUP BY 1`, [user.id]);
    expect(rows[0].secret_encrypted).not.toContain(view.secret.replace(/ /g, ''));
    expect(rows[0].hashes.join()).not.toContain(codes[0]!.replace(/-/g, ''));
    // A second enrolment is refused while one is confirmed.
    expect((await call(app, jar, 'POST', '/api/me/security/totp')).json()).toMatchObject({ code: 'MFA_TOTP_ALREADY_ENROLLED' });
  });

  it('asks for the code after the password; a right code opens the session once, a replayed code is refused', async () => {
    const { user, password } = await createStaff(app);
    const { secret } = await enrolTotp(app, new Jar(), user.email, password);

    const jar = new Jar();
    expect(await signIn(app, jar, user.email, password)).toEqual({ secondFactor: { step: 'verify' } });
    expect(jar.has(sid)).toBe(false);
    expect((await call(app, jar, 'GET', '/api/session')).json()).toMatchObject({ user: null });
    expect((await call(app, jar, 'GET', '/api/auth/second-factor')).json())
      .toEqual({ step: 'verify', methods: { totp: true, passkey: false, recovery: true } });

    // The code used to confirm the enrolment was spent: it cannot sign in.
    const replayedEnrolment = await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'totp', code: codeFor(secret) });
    expect(replayedEnrolment.statusCode).toBe(400);
    const code = codeFor(secret, 1);
    const ok = await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'totp', code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ user: { id: user.id }, next: '/' });
    expect(jar.has(sid)).toBe(true);
    expect((await call(app, jar, 'GET', '/api/me')).statusCode).toBe(200);

    // Same code again, in a new sign-in: refused.
    const other = new Jar();
    await signIn(app, other, user.email, password);
    const replay = await call(app, other, 'POST', '/api/auth/second-factor', { method: 'totp', code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'MFA_INVALID_CODE', message: 'Code incorrect, expiré ou déjà utilisé.' });
    // The half-done sign-in works once only.
    expect((await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'totp', code: codeFor(secret, -1) })).json())
      .toMatchObject({ code: 'MFA_SIGN_IN_EXPIRED' });
  });

  it('announces an unknown browser by e-mail once the second factor is given, not before nor for a known one', async () => {
    const { user, password } = await createStaff(app);
    const { secret, recoveryCodes } = await enrolTotp(app, new Jar(), user.email, password);
    // Counted once the queued mails are sent (drainEvents): what is not there then was never queued.
    const notices = async () => {
      await drainEvents(app);
      return Number((await app.pool.query(
        `SELECT count(*) AS n FROM mail_outbox WHERE to_address = $1 AND subject = 'Nouvelle connexion à votre compte'`, [user.email])).rows[0].n);
    };
    const before = await notices();
    expect(before).toBe(1);

    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    // The password alone opened nothing: no announcement yet.
    expect(await notices()).toBe(before);
    expect((await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'totp', code: codeFor(secret, 1) })).statusCode).toBe(200);
    expect(await notices()).toBe(before + 1);

    // The same browser again: it is known now, nothing is sent.
    await call(app, jar, 'POST', '/api/auth/logout');
    await signIn(app, jar, user.email, password);
    expect((await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'recovery', code: recoveryCodes[0] })).statusCode).toBe(200);
    expect(await notices()).toBe(before + 1);
  });

  it('accepts each recovery code once; regenerating invalidates the old ones', async () => {
    const { user, password } = await createStaff(app);
    const first = new Jar();
    const { recoveryCodes } = await enrolTotp(app, first, user.email, password);

    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    const used = await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'recovery', code: recoveryCodes[0]!.toUpperCase() });
    expect(used.statusCode, used.body).toBe(200);
    expect((await call(app, jar, 'GET', '/api/me/security')).json()).toMatchObject({ recoveryCodesLeft: 9 });

    const again = new Jar();
    await signIn(app, again, user.email, password);
    expect((await call(app, again, 'POST', '/api/auth/second-factor', { method: 'recovery', code: recoveryCodes[0] })).statusCode).toBe(400);

    const regenerated = await call(app, jar, 'POST', '/api/me/security/recovery-codes');
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const fresh = (regenerated.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect((await call(app, again, 'POST', '/api/auth/second-factor', { method: 'recovery', code: recoveryCodes[1] })).statusCode).toBe(400);
    expect((await call(app, again, 'POST', '/api/auth/second-factor', { method: 'recovery', code: fresh[0] })).statusCode).toBe(200);
  });

  it('ends the other sessions when a factor is added, changed or removed', async () => {
    const { user, password } = await createStaff(app);
    const elsewhere = new Jar();
    await signIn(app, elsewhere, user.email, password);
    const here = new Jar();
    await enrolTotp(app, here, user.email, password);
    expect((await call(app, elsewhere, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(app, here, 'GET', '/api/me')).statusCode).toBe(200);

    const removed = await call(app, here, 'DELETE', '/api/me/security/totp');
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await call(app, here, 'GET', '/api/me/security')).json()).toMatchObject({ totp: false, recoveryCodesLeft: 0 });
    const fresh = new Jar();
    expect((await signIn(app, fresh, user.email, password)).secondFactor).toBeUndefined();
  });

  it('limits second-factor attempts to 5 failures per 15 minutes per account (429, French, stable code)', async () => {
    const { user, password } = await createStaff(app);
    const { secret } = await enrolTotp(app, new Jar(), user.email, password);
    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    for (let i = 0; i < 5; i++) {
      expect((await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'recovery', code: 'aaaa-bbbb-cccc-dddd' })).statusCode).toBe(400);
    }
    // Even the right code, and from another browser: the account's budget is spent.
    const other = new Jar();
    await signIn(app, other, user.email, password);
    const refused = await call(app, other, 'POST', '/api/auth/second-factor', { method: 'totp', code: codeFor(secret, 1) });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ code: 'MFA_TOO_MANY_ATTEMPTS', message: 'Trop d’essais de second facteur pour ce compte : réessayez dans 15 minutes.' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('counts a second factor as re-authentication for sensitive actions', async () => {
    const { user, password } = await createStaff(app);
    const jar = new Jar();
    const { secret } = await enrolTotp(app, jar, user.email, password);
    await app.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [user.id]);
    const stale = await call(app, jar, 'POST', '/api/me/security/recovery-codes');
    expect(stale.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
    const reauth = await call(app, jar, 'POST', '/api/auth/reauth/second-factor', { method: 'totp', code: codeFor(secret, 1) });
    expect(reauth.statusCode, reauth.body).toBe(200);
    expect((await call(app, jar, 'POST', '/api/me/security/recovery-codes')).statusCode).toBe(200);
  });

  it('lets a member enrol too, and then asks them for it', async () => {
    const { user, password } = await createUser(app);
    const { secret } = await enrolTotp(app, new Jar(), user.email, password);
    const jar = new Jar();
    expect((await signIn(app, jar, user.email, password)).secondFactor).toEqual({ step: 'verify' });
    expect((await call(app, jar, 'POST', '/api/auth/second-factor', { method: 'totp', code: codeFor(secret, 1) })).statusCode).toBe(200);
  });
});
