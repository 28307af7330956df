import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { insertPost } from '../posts/service.js';
import { createMailer } from '../mail/service.js';
import { unsubscribeToken } from './token.js';
import { runDigest } from './digests.js';
import { runImmediateNotices } from './notices.js';

describe('e-mail preferences, unsubscribe, digests', async () => {
  const { app } = await useTestApp();
  const sink = await startSmtpSink();
  const mailer = createMailer(app.db, sink.url, 'e-communautés <ne-pas-repondre@test.fr>', () => {});
  const ctx = { db: app.db, mailer, config: app.config, log: () => {} };
  afterAll(async () => { mailer.close(); await sink.close(); });

  it('lists my communities with the weekly default, saves a choice, refuses bad input', async () => {
    const c1 = await createCommunity(app, { name: 'Alpha urbanisme' });
    const c2 = await createCommunity(app);
    const me = await memberOf(app, c1.id);
    await app.pool.query('INSERT INTO memberships (community_id, user_id) VALUES ($1, $2)', [c2.id, me.user.id]);
    let res = await app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: me.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(2);
    expect(res.json().items.every((p: any) => p.frequency === 'weekly' && !p.chosen)).toBe(true);

    res = await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${c1.id}`, headers: me.headers, payload: { frequency: 'daily' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ communityId: c1.id, frequency: 'daily', chosen: true });
    res = await app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: me.headers });
    expect(res.json().items.find((p: any) => p.communityId === c1.id).frequency).toBe('daily');

    expect((await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${c1.id}`, headers: me.headers, payload: { frequency: 'hourly' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: `/api/me/email-preferences/abc`, headers: me.headers, payload: { frequency: 'daily' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/me/email-preferences' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${c1.id}`, payload: { frequency: 'daily' } })).statusCode).toBe(401);
    const stranger = await signIn(app);
    expect((await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${c1.id}`, headers: stranger.headers, payload: { frequency: 'daily' } })).statusCode).toBe(403);
  });

  it('rate-limits preference changes', async () => {
    const { app: strict } = await useTestApp({ rateLimitFactor: 1 });
    const c = await createCommunity(strict);
    const me = await memberOf(strict, c.id);
    let last = 0;
    for (let i = 0; i < 302 && last !== 429; i++) {
      last = (await strict.inject({ method: 'PUT', url: `/api/me/email-preferences/${c.id}`, headers: me.headers, payload: { frequency: 'never' } })).statusCode;
    }
    expect(last).toBe(429);
  });

  it('one-click unsubscribe: POST with the RFC 8058 body sets never; GET only redirects; bad tokens are 400', async () => {
    const c = await createCommunity(app);
    const me = await memberOf(app, c.id);
    const token = unsubscribeToken(app.config.secret, me.user.id, c.id);
    const get = await app.inject({ method: 'GET', url: `/api/email/unsubscribe?token=${encodeURIComponent(token)}` });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe(`/preferences/desabonnement?token=${encodeURIComponent(token)}`);
    let prefs = await app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: me.headers });
    expect(prefs.json().items[0].frequency).toBe('weekly');

    const post = await app.inject({
      method: 'POST', url: `/api/email/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toEqual({ ok: true, communityName: c.name });
    prefs = await app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: me.headers });
    expect(prefs.json().items[0].frequency).toBe('never');

    const forged = `${me.user.id}.${c.id + 1}.${token.split('.')[2]}`;
    expect((await app.inject({ method: 'POST', url: `/api/email/unsubscribe?token=${encodeURIComponent(forged)}` })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/email/unsubscribe?token=nimportequoi' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/email/unsubscribe' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/email/unsubscribe' })).statusCode).toBe(400);
  });

  it('daily digest: grouped by community, French, List-Unsubscribe; a re-run sends nothing; SMTP failure retried once', async () => {
    const c1 = await createCommunity(app, { name: 'Digest Habitat' });
    const c2 = await createCommunity(app, { name: 'Digest Mobilités' });
    const reader = await memberOf(app, c1.id);
    await app.pool.query('INSERT INTO memberships (community_id, user_id) VALUES ($1, $2)', [c2.id, reader.user.id]);
    for (const c of [c1, c2]) {
      await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${c.id}`, headers: reader.headers, payload: { frequency: 'daily' } });
    }
    const author = await memberOf(app, c1.id, 'member', { firstName: 'Léa', lastName: 'Durand' });
    await insertPost(app.db, c1.id, author.user.id, { title: 'Rénovation & copropriétés <dégradées>', body: 'Un retour d’expérience sur le plan initiative copropriétés.' });
    await insertPost(app.db, c2.id, author.user.id, { title: 'Plan vélo intercommunal', body: 'Où en sont vos schémas cyclables ?' });
    const now = new Date(Date.now() + 1000);

    // SMTP down: nothing delivered, the job fails so that pg-boss retries it.
    const down = createMailer(app.db, 'smtp://127.0.0.1:1', 'x <x@test.fr>', () => {});
    await expect(runDigest({ ...ctx, mailer: down }, 'daily', now)).rejects.toThrow();
    down.close();
    const failed = await app.pool.query(`SELECT status FROM mail_outbox WHERE to_address = $1`, [reader.user.email]);
    expect(failed.rows.map((r) => r.status)).toEqual(['failed']);

    const since = sink.mails.length;
    await runDigest(ctx, 'daily', now);
    const mail = await sink.waitForMail(reader.user.email, { since });
    expect(mail.subject).toBe('Votre résumé quotidien des e-communautés');
    expect(mail.text).toContain('== Digest Habitat ==');
    expect(mail.text).toContain('== Digest Mobilités ==');
    expect(mail.text).toContain('Rénovation & copropriétés <dégradées>');
    expect(mail.text).toContain('Par Léa Durand');
    expect(mail.html).toContain('Rénovation &amp; copropriétés &lt;dégradées&gt;');
    expect(mail.html).toContain('lang="fr"');
    const headers = mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    expect(headers).toMatch(/List-Unsubscribe: <http:\/\/localhost:3000\/api\/email\/unsubscribe\?token=[^>]+>/);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // Same period again (a retry, a second worker): nothing more for this member.
    await runDigest(ctx, 'daily', now);
    // The job awaits each send and the sink records a mail before accepting it: nothing more is on its way.
    expect(sink.mails.filter((m) => m.to.includes(reader.user.email.toLowerCase()))).toHaveLength(1);
    // The author of the posts gets no digest of their own posts (weekly default anyway).
    expect(sink.mails.some((m) => m.to.includes(author.user.email.toLowerCase()))).toBe(false);
  });

  it('immediately: one notice per new post to those who chose it, never twice', async () => {
    const c = await createCommunity(app, { name: 'Notices Eau' });
    const eager = await memberOf(app, c.id);
    const quiet = await memberOf(app, c.id);
    await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${c.id}`, headers: eager.headers, payload: { frequency: 'immediately' } });
    await runImmediateNotices(ctx); // sets the cursor on first use
    const author = await memberOf(app, c.id);
    const postId = await insertPost(app.db, c.id, author.user.id, { title: 'Gestion des eaux pluviales', body: 'Quelles solutions fondées sur la nature ?' });
    const since = sink.mails.length;
    const later = new Date(Date.now() + 10_000);
    await runImmediateNotices(ctx, later);
    await runImmediateNotices(ctx, later);
    const mail = await sink.waitForMail(eager.user.email, { since });
    expect(mail.subject).toBe('Notices Eau : Gestion des eaux pluviales');
    expect(mail.text).toContain(`http://localhost:3000/publications/${postId}`);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // The job awaits each send and the sink records a mail before accepting it: nothing more is on its way.
    expect(sink.mails.filter((m) => m.to.includes(eager.user.email.toLowerCase()))).toHaveLength(1);
    expect(sink.mails.some((m) => m.to.includes(quiet.user.email.toLowerCase()))).toBe(false);
  });
});
