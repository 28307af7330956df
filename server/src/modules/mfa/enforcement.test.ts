import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createUser, sessionFor } from '../../../test/factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { sessionCookieName } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { call, codeFor, createStaff, enrolTotp, Jar, signIn } from './mfa.fixtures.js';

const graceOver = (app: App, userId: number) =>
  app.pool.query(`UPDATE users SET mfa_grace_started_at = now() - interval '8 days' WHERE id = $1`, [userId]);

describe('who must use a second factor (MFA_REQUIRED_FOR, grace period, demo accounts)', async () => {
  const sink = await startSmtpSink();
  afterAll(() => sink.close());
  const { app } = await useTestApp({ sessionCacheSeconds: 0, smtpUrl: sink.url });
  const none = await useTestApp({ mfaRequiredFor: 'none' });
  const all = await useTestApp({ mfaRequiredFor: 'all' });
  const sid = sessionCookieName(app.config.secureCookies);

  it('opens the session during the grace period (started at the first sign-in), then only enrolment signs in', async () => {
    const { user, password } = await createStaff(app);
    const jar = new Jar();
    expect((await signIn(app, jar, user.email, password)).secondFactor).toBeUndefined();
    const state = (await call(app, jar, 'GET', '/api/me/security')).json() as { graceEndsAt: string; required: boolean };
    expect(state.required).toBe(true);
    expect(new Date(state.graceEndsAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    await graceOver(app, user.id);
    const late = new Jar();
    expect(await signIn(app, late, user.email, password)).toEqual({ secondFactor: { step: 'enrol' } });
    expect(late.has(sid)).toBe(false);
    expect((await call(app, late, 'GET', '/api/auth/second-factor')).json()).toMatchObject({ step: 'enrol' });
    // Nothing but enrolling: no code is asked for at this step.
    expect((await call(app, late, 'POST', '/api/auth/second-factor', { method: 'recovery', code: 'aaaa-bbbb-cccc-dddd' })).json())
      .toMatchObject({ code: 'MFA_SIGN_IN_EXPIRED' });
    const view = (await call(app, late, 'POST', '/api/auth/second-factor/totp')).json() as { secret: string };
    const done = await call(app, late, 'POST', '/api/auth/second-factor/totp/confirm', { code: codeFor(view.secret) });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    expect(late.has(sid)).toBe(true);
    expect((await call(app, late, 'GET', '/api/me')).statusCode).toBe(200);
    // The session opened before enrolling ended with it.
    expect((await call(app, jar, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('never holds a member back under MFA_REQUIRED_FOR=staff, nor staff under none; holds members under all', async () => {
    const member = await createUser(app);
    await graceOver(app, member.user.id);
    expect((await signIn(app, new Jar(), member.user.email, member.password)).secondFactor).toBeUndefined();

    const staff = await createStaff(none.app);
    await graceOver(none.app, staff.user.id);
    expect((await signIn(none.app, new Jar(), staff.user.email, staff.password)).secondFactor).toBeUndefined();

    const everyone = await createUser(all.app);
    expect((await signIn(all.app, new Jar(), everyone.user.email, everyone.password)).secondFactor).toBeUndefined();
    await graceOver(all.app, everyone.user.id);
    expect((await signIn(all.app, new Jar(), everyone.user.email, everyone.password)).secondFactor).toEqual({ step: 'enrol' });
  });

  it('counts coordinators and the national team as staff', async () => {
    const admin = await createUser(app, { nationalRole: 'admin' });
    await graceOver(app, admin.user.id);
    expect((await signIn(app, new Jar(), admin.user.email, admin.password)).secondFactor).toEqual({ step: 'enrol' });
  });

  it('exempts demo accounts (set by the demo seed only); no route can mark another account', async () => {
    const demo = await createStaff(app);
    // What seed/demo.ts writes; nothing else does.
    await app.pool.query('UPDATE users SET demo_account = true WHERE id = $1', [demo.user.id]);
    await graceOver(app, demo.user.id);
    const jar = new Jar();
    expect((await signIn(app, jar, demo.user.email, demo.password)).secondFactor).toBeUndefined();
    expect((await call(app, jar, 'POST', '/api/me/security/totp')).json()).toMatchObject({ code: 'MFA_DEMO_ACCOUNT' });
    expect((await call(app, jar, 'GET', '/api/me/security')).json()).toMatchObject({ demoAccount: true, required: false });
    const listed = (await app.inject({ method: 'GET', url: '/api/auth/demo-accounts' })).json() as { accounts: { email: string }[] };
    expect(listed.accounts.length).toBeGreaterThan(0);

    // Registration, profile and every other body refuse unknown fields such as demoAccount.
    const tag = `${Date.now()}${process.pid}`;
    const register = await app.inject({
      method: 'POST', url: '/api/auth/register', payload: {
        email: `demo${tag}@exemple.fr`, password: 'Un-mot-de-passe-solide-42', firstName: 'Démo', lastName: 'Essai',
        employer: 'Mairie', job: 'Agent', departement: '75', acceptCgu: true, demoAccount: true,
      },
    });
    expect(register.statusCode).toBe(400);
    const staff = await createStaff(app);
    const headers = await sessionFor(app, staff.user.id);
    for (const payload of [{ demoAccount: true }, { demo_account: true }, { bio: 'x', demoAccount: true }]) {
      expect((await app.inject({ method: 'PATCH', url: '/api/me', headers, payload })).statusCode).toBe(400);
    }
    const { rows } = await app.pool.query('SELECT demo_account FROM users WHERE id = $1', [staff.user.id]);
    expect(rows[0].demo_account).toBe(false);
    // Only the demo seed ever sets the flag: no other source file writes it.
    const { execSync } = await import('node:child_process');
    const writers = execSync(`grep -rlE "demoAccount: true|demo_account = true|SET demo_account" server/src --include=*.ts | grep -v '\\.test\\.ts$' || true`)
      .toString().trim().split('\n');
    expect(writers).toEqual(['server/src/seed/demo.ts']);
    // A staff account that is not a demo account is asked for the factor once its grace is over.
    await graceOver(app, staff.user.id);
    expect((await signIn(app, new Jar(), staff.user.email, staff.password)).secondFactor).toEqual({ step: 'enrol' });
  });

  it('lets a national admin reset a person’s factors: audit line, e-mail, every session of the person ends', async () => {
    const target = await createStaff(app);
    const targetJar = new Jar();
    await enrolTotp(app, targetJar, target.user.email, target.password);
    const admin = await createUser(app, { nationalRole: 'admin' });
    const member = await createUser(app);
    const url = `/api/national/users/${target.user.id}/second-factor/reset`;
    expect((await app.inject({ method: 'POST', url, headers: await sessionFor(app, member.user.id) })).statusCode).toBe(403);

    const since = sink.mails.length;
    const res = await app.inject({ method: 'POST', url, headers: await sessionFor(app, admin.user.id) });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await app.pool.query(
      `SELECT actor_id, action, target_type, target_user_id, before, after FROM moderation_audit WHERE target_user_id = $1 AND action = 'mfa_reset'`,
      [target.user.id]);
    expect(rows).toEqual([{
      actor_id: admin.user.id, action: 'mfa_reset', target_type: 'user', target_user_id: target.user.id,
      before: { totp: true, passkeys: 0, recoveryCodes: 10 }, after: { totp: false, passkeys: 0, recoveryCodes: 0 },
    }]);
    const mail = await sink.waitForMail(target.user.email, { since, subject: 'Votre second facteur de connexion a été réinitialisé' });
    expect(mail.text).toContain('Sécurité du compte');
    expect((await call(app, targetJar, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await signIn(app, new Jar(), target.user.email, target.password)).secondFactor).toBeUndefined();
  });
});
