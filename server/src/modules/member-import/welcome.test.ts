import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../test/factories.js';
import { holdTestLock, unique, useTestApp } from '../../../test/helpers.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { signIn } from '../posts/posts.fixtures.js';
import { batchAllowance, queueWelcomeMails, queueWelcomeMailsWith, sendWelcomeBatch, welcomeJobs } from './welcome.js';
import { UNUSABLE_PASSWORD_HASH } from './csv-import.js';

const sink = await startSmtpSink({ rejects: (address) => address.startsWith('inconnu') });
afterAll(() => sink.close());

const tokenIn = (text: string) => /\/activation\?token=([\w-]+)/.exec(text)?.[1];
const PASSWORD = 'Une phrase de passe bien à moi';

describe('imported members: welcome campaign and first sign-in', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url });
  // The browser test of the « Import » page pauses the campaign for a moment: not while these tests send.
  const campaign = await holdTestLock(app, 'welcome-campaign');
  afterAll(() => campaign.release());
  const batch = (perHour: number) => sendWelcomeBatch({ db: app.db, mailer: app.mailer, publicUrl: app.config.publicUrl, perHour });

  /** Accounts as the exchange importer creates them: imported_at set, no usable password, unverified, no CGU. */
  async function imported(n: number, prefix = 'imp') {
    const ids: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const { rows } = await app.pool.query<{ id: number }>(
        `INSERT INTO users (email, password_hash, first_name, last_name, employer, imported_at) VALUES ($1, $2, 'Anne', 'Dupont', 'Mairie de Brest', now()) RETURNING id`,
        [`${unique(prefix)}@exemple.fr`, UNUSABLE_PASSWORD_HASH]);
      ids.push(Number(rows[0]!.id));
    }
    return ids;
  }
  const emailOf = async (id: number) => (await app.pool.query('SELECT email FROM users WHERE id = $1', [id])).rows[0].email as string;
  const statusOf = async (id: number) => (await app.pool.query('SELECT status FROM import_welcomes WHERE user_id = $1', [id])).rows[0]?.status;

  it('spreads the hourly rate over the hour and never exceeds it', () => {
    expect(batchAllowance(3000, 0)).toBe(50);
    expect(batchAllowance(3000, 2990)).toBe(10);
    expect(batchAllowance(3000, 3000)).toBe(0);
    expect(batchAllowance(3000, 3100)).toBe(0);
    expect(batchAllowance(2, 0)).toBe(1);
  });

  // Other test files of the run queue and send welcome mails in the same database: each check below holds whoever
  // else is sending.
  it('sends in throttled batches, records refusals as bounced, and sends nothing while paused', async () => {
    const ids = await imported(3);
    const [refused] = await imported(1, 'inconnu');
    await app.db.transaction(async (tx) => {
      expect(await queueWelcomeMails(tx, [...ids, refused!])).toBe(4);
      // Queued once: again changes nothing; an ordinary account is never queued.
      expect(await queueWelcomeMails(tx, [...ids, (await createUser(app)).user.id])).toBe(0);
    });
    // The plain-client form the bulk importer may hold queues the same way.
    const [another] = await imported(1);
    expect(await queueWelcomeMailsWith(app.pool, [another!, ids[0]!])).toBe(1);
    const recent = async () => (await app.pool.query(`SELECT count(*)::int AS n FROM import_welcomes WHERE claimed_at > now() - interval '1 hour'`)).rows[0].n as number;
    // The hour's budget spent: nothing goes, and the chain goes on.
    expect(await batch(await recent())).toEqual({ sent: 0, bounced: 0, more: true });
    const one = await batch((await recent()) + 1);
    expect(one.sent + one.bounced).toBeLessThanOrEqual(1);

    const admin = (await signIn(app, { nationalRole: 'admin' })).headers;
    await app.inject({ method: 'PUT', url: '/api/national/import-welcome/paused', headers: admin, payload: { paused: true } });
    expect(await batch(1_000_000)).toEqual({ sent: 0, bounced: 0, more: false });
    await app.inject({ method: 'PUT', url: '/api/national/import-welcome/paused', headers: admin, payload: { paused: false } });
    for (;;) if (!(await batch(1_000_000)).more) break;
    expect(await Promise.all(ids.map(statusOf))).toEqual(['sent', 'sent', 'sent']);
    expect(await statusOf(refused!)).toBe('bounced');
    const mail = await sink.waitForMail(await emailOf(ids[0]!));
    expect(mail.subject).toBe('Votre compte sur la plateforme des e-communautés');
    expect(mail.text).toContain('valable 30 jours');
    expect(mail.html).toContain('lang="fr"');
  });

  it('the job schedules its next batch a minute later while the hour’s budget is spent', async () => {
    const [id] = await imported(1);
    await app.db.transaction((tx) => queueWelcomeMails(tx, [id!]));
    const sent: { name: string; startAfter?: Date }[] = [];
    const recent = (await app.pool.query(`SELECT count(*)::int AS n FROM import_welcomes WHERE claimed_at > now() - interval '1 hour'`)).rows[0].n as number;
    await welcomeJobs[0]!.handler({}, {
      db: app.db, pool: app.pool, log: () => {}, mailer: app.mailer, config: { ...app.config, importWelcomePerHour: recent },
      jobs: { send: async (name, _data, options) => { sent.push({ name, startAfter: options?.startAfter }); return 'id'; } },
    });
    expect(sent).toEqual([{ name: 'import-welcome-batch', startAfter: expect.any(Date) }]);
    expect(sent[0]!.startAfter!.getTime() - Date.now()).toBeGreaterThan(50_000);
  });

  it('the link sets a password meeting the rules, records the CGU, activates and signs in', async () => {
    const [id] = await imported(1);
    await app.db.transaction((tx) => queueWelcomeMails(tx, [id!]));
    for (;;) if (!(await batch(1_000_000)).more) break;
    const email = await emailOf(id!);
    const token = tokenIn((await sink.waitForMail(email)).text)!;
    const weak = await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { token, password: 'court', acceptCgu: true } });
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD' });
    const noCgu = await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { token, password: PASSWORD } });
    expect(noCgu.statusCode).toBe(400);
    const res = await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { token, password: PASSWORD, acceptCgu: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id, email, emailVerified: true });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const session = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ user: { id }, cguToAccept: null });
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM cgu_acceptances WHERE user_id = $1', [id]);
    expect(rows[0].n).toBe(1);
    expect(await statusOf(id!)).toBe('activated');
    // Single use; afterwards the chosen password signs in.
    expect((await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { token, password: PASSWORD, acceptCgu: true } })).json().code).toBe('INVALID_TOKEN');
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('password sign-in before activation answers exactly as for an unknown address, pointing to the link; « mot de passe oublié » sends the link', async () => {
    const [id] = await imported(1);
    const email = await emailOf(id!);
    const pending = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'Une phrase au hasard 123' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${unique('personne')}@exemple.fr`, password: 'Une phrase au hasard 123' } });
    expect(pending.statusCode).toBe(401);
    expect(pending.body).toBe(unknown.body);
    expect(pending.json().message).toContain('Utilisez le lien d’activation reçu par courriel, ou demandez-en un nouveau avec « Mot de passe oublié »');
    // The marker that is not a hash never lets anyone in, whatever is typed.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: UNUSABLE_PASSWORD_HASH } })).statusCode).toBe(401);

    const since = sink.mails.length;
    expect((await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } })).statusCode).toBe(200);
    const mail = await sink.waitForMail(email, { since });
    expect(mail.subject).toBe('Votre compte sur la plateforme des e-communautés');
    const token = tokenIn(mail.text)!;
    expect((await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { token, password: PASSWORD, acceptCgu: true } })).statusCode).toBe(200);
    // Activated: a forgotten password is an ordinary reset from now on.
    const after = sink.mails.length;
    await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
    expect((await sink.waitForMail(email, { since: after })).subject).toBe('Réinitialisation de votre mot de passe');
  });

  it('the « Import » figures, the list by status and resending to one person are the national team’s', async () => {
    const admin = await signIn(app, { nationalRole: 'admin' });
    const member = await signIn(app);
    const [id] = await imported(1);
    await app.db.transaction((tx) => queueWelcomeMails(tx, [id!]));
    const state = await app.inject({ method: 'GET', url: '/api/national/import-welcome', headers: admin.headers });
    expect(state.json()).toMatchObject({ counts: { queued: expect.any(Number), sent: expect.any(Number), activated: expect.any(Number), bounced: expect.any(Number) }, paused: false, perHour: 3000 });
    expect(state.json().counts.queued).toBeGreaterThanOrEqual(1);
    const email = await emailOf(id!);
    const list = await app.inject({ method: 'GET', url: `/api/national/import-welcome/members?email=${encodeURIComponent(email)}`, headers: admin.headers });
    expect(list.json()).toEqual({ items: [expect.objectContaining({ userId: id, email, firstName: 'Anne', queuedAt: expect.any(String) })], nextCursor: null });
    const page = await app.inject({ method: 'GET', url: '/api/national/import-welcome/members?status=sent&limit=1', headers: admin.headers });
    expect(page.json().items).toHaveLength(1);
    expect(page.json().nextCursor).toMatch(/^\d+$/);

    const resent = await app.inject({ method: 'POST', url: `/api/national/import-welcome/members/${id}/resend`, headers: admin.headers });
    expect(resent.json()).toEqual({ status: 'sent' });
    expect(tokenIn((await sink.waitForMail(email)).text)).toBeTruthy();
    expect(await statusOf(id!)).toBe('sent');

    for (const [method, url, payload] of [
      ['GET', '/api/national/import-welcome', undefined], ['GET', '/api/national/import-welcome/members', undefined],
      ['PUT', '/api/national/import-welcome/paused', { paused: true }], ['POST', `/api/national/import-welcome/members/${id}/resend`, undefined],
    ] as const) {
      expect((await app.inject({ method, url, headers: member.headers, ...(payload ? { payload } : {}) })).statusCode).toBe(403);
    }
  });
});
