import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { createUser } from '../../../test/factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink.js';
import { createMailer, type Mailer } from '../mail/service.js';
import { newPostMail } from '../mail/templates.js';
import { replyAddress } from './address.js';
import { replyMailConfig } from './config.js';
import { startReplyListener, type ReplyListener } from './listener.js';

const reply = replyMailConfig({ REPLY_DOMAIN: 'reponse.test.fr', REPLY_MAX_BYTES: String(64 * 1024) }, 'test-secret')!;

describe('reply by e-mail, through a real SMTP exchange on loopback', async () => {
  const { app } = await useTestApp({ replyMail: reply });
  let sink: SmtpSink;
  let mailer: Mailer;
  let listener: ReplyListener;

  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = createMailer(app.db, sink.url, 'e-communautés <ne-pas-repondre@test.fr>', () => {});
    listener = await startReplyListener({ db: app.db, mailer, config: app.config, log: () => {} }, reply, 0);
  });
  afterAll(async () => {
    await listener.close();
    mailer.close();
    await sink.close();
  });

  /** A member of a new open community, the post they were notified about, and its reply address. */
  async function scene() {
    const community = await createCommunity(app);
    const { user: author } = await createUser(app);
    const { user } = await createUser(app);
    await addMember(app, community.id, author.id);
    await addMember(app, community.id, user.id);
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 'Marchés publics', 'x', '<p>x</p>') RETURNING id`,
      [community.id, author.id]);
    const postId = Number(rows[0]!.id);
    return { community, user, postId, to: replyAddress(reply, postId, user.id)! };
  }

  /** Sends like a mail client would; resolves with the SMTP answer or the refusal. */
  async function send(mail: nodemailer.SendMailOptions): Promise<{ ok: true } | { ok: false; code: number | undefined; message: string }> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail(mail);
      return { ok: true };
    } catch (err) {
      return { ok: false, code: (err as { responseCode?: number }).responseCode, message: String((err as Error).message) };
    } finally {
      transport.close();
    }
  }

  async function comments(postId: number): Promise<{ body_md: string; author_id: number }[]> {
    const { rows } = await app.pool.query(`SELECT body_md, author_id FROM comments WHERE post_id = $1 ORDER BY id`, [postId]);
    return rows.map((r) => ({ body_md: r.body_md, author_id: Number(r.author_id) }));
  }

  it('turns a reply into a comment of the right person, quoted history and signature removed', async () => {
    const s = await scene();
    const text = [
      'Bonjour,', '', 'Nous avons le même problème à Lyon, voici notre procédure.', '',
      '-- ', 'Camille Martin', 'Mairie de Lyon', '',
      'Le lun. 1 déc. 2026 à 09:12, e-communautés <ne-pas-repondre@test.fr> a écrit :',
      '> Nouvelle publication dans « Marchés publics »', '> Lire la publication',
    ].join('\r\n');
    // The sender's address as the person's client writes it: another case than the account's.
    const res = await send({ from: s.user.email.toUpperCase(), to: s.to, subject: 'RE: Marchés publics', text });
    expect(res).toEqual({ ok: true });
    expect(await comments(s.postId)).toEqual([
      { body_md: 'Bonjour,\n\nNous avons le même problème à Lyon, voici notre procédure.', author_id: s.user.id },
    ]);
  });

  it('a notice about a post carries the reply address; answering it from a mail client comments the post', async () => {
    const s = await scene();
    const links = { oneClick: 'http://localhost:3000/desabonnement', preferences: 'http://localhost:3000/preferences' };
    const post = { title: 'Marchés publics', authorName: 'Alex Durand', excerpt: 'Quel seuil ?', url: `http://localhost:3000/publications/${s.postId}` };
    // Off without REPLY_DOMAIN: no Reply-To at all.
    expect(newPostMail(s.user.email, 'Achats', { ...post, replyTo: replyAddress(undefined, s.postId, s.user.id) }, links).headers).not.toHaveProperty('Reply-To');
    const since = sink.mails.length;
    await mailer.send(newPostMail(s.user.email, 'Achats', { ...post, replyTo: s.to }, links));
    const notice = await sink.waitForMail(s.user.email, { since });
    const head = notice.raw.slice(0, notice.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    const replyTo = /^Reply-To: (.+)$/im.exec(head)?.[1]?.trim();
    expect(replyTo).toBe(s.to);
    expect(notice.text).toContain('Répondez simplement à ce courriel');
    // What a client sends back: the answer on top, the notice quoted below.
    const quoted = notice.text.split('\n').map((l) => `> ${l}`).join('\r\n');
    const text = `Le seuil est de 40 000 € HT.\r\n\r\nLe 2 déc. 2026 à 10:00, e-communautés a écrit :\r\n${quoted}`;
    expect(await send({ from: s.user.email, to: replyTo!, subject: `RE: ${notice.subject}`, text })).toEqual({ ok: true });
    expect((await comments(s.postId)).map((c) => c.body_md)).toEqual(['Le seuil est de 40 000 € HT.']);
  });

  it('strips an Outlook « De : … Envoyé : » block', async () => {
    const s = await scene();
    const text = ['Merci, c’est très clair.', '', '________________________________', 'De : e-communautés <ne-pas-repondre@test.fr>',
      'Envoyé : lundi 1 décembre 2026 09:12', 'À : Camille', 'Objet : Marchés publics', '', 'Ancien texte'].join('\r\n');
    expect(await send({ from: s.user.email, to: s.to, subject: 'RE: Marchés publics', text })).toEqual({ ok: true });
    expect((await comments(s.postId)).map((c) => c.body_md)).toEqual(['Merci, c’est très clair.']);
  });

  it('reads an HTML-only reply (webmail), without its quoted block', async () => {
    const s = await scene();
    const html = '<div dir="ltr"><p>Réponse <b>en HTML</b>.</p></div><br><div class="gmail_quote"><div>Le mar. 2 déc. 2026 à 10:00, X a écrit :</div><blockquote><p>Ancien texte</p></blockquote></div>';
    expect(await send({ from: s.user.email, to: s.to, subject: 'RE: Marchés publics', html })).toEqual({ ok: true });
    expect((await comments(s.postId)).map((c) => c.body_md)).toEqual(['Réponse en HTML.']);
  });

  it('refuses a forged reply address at RCPT (550), creating nothing', async () => {
    const s = await scene();
    const forged = s.to.replace(/\.([0-9a-f]{24})@/, (_m, sig: string) => `.${sig.slice(0, 23)}${sig.endsWith('0') ? '1' : '0'}@`);
    const res = await send({ from: s.user.email, to: forged, subject: 'RE', text: 'Bonjour' });
    expect(res).toMatchObject({ ok: false, code: 550 });
    // Another person's id under the same signature is as forged.
    const other = await createUser(app);
    const swapped = s.to.replace(`.${s.user.id}.`, `.${other.user.id}.`);
    expect(await send({ from: other.user.email, to: swapped, subject: 'RE', text: 'Bonjour' })).toMatchObject({ ok: false, code: 550 });
    expect(await comments(s.postId)).toEqual([]);
  });

  it('refuses a spoofed sender (550) and sends nothing back to the stranger', async () => {
    const s = await scene();
    const since = sink.mails.length;
    const res = await send({ from: 'usurpateur@exemple.fr', to: s.to, subject: 'RE', text: 'Faux message' });
    expect(res).toMatchObject({ ok: false, code: 550 });
    expect(await comments(s.postId)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.mails.slice(since)).toEqual([]);
  });

  it('refuses a message over the size limit at SMTP level (552)', async () => {
    const s = await scene();
    const res = await send({ from: s.user.email, to: s.to, subject: 'RE', text: 'x'.repeat(80 * 1024) });
    expect(res).toMatchObject({ ok: false, code: 552 });
    expect(await comments(s.postId)).toEqual([]);
  });

  it('refuses a reply with an attachment and explains why by e-mail', async () => {
    const s = await scene();
    const since = sink.mails.length;
    const res = await send({
      from: s.user.email, to: s.to, subject: 'RE', text: 'Voici notre modèle.',
      attachments: [{ filename: 'modele.docx', content: Buffer.from('PK fake') }],
    });
    expect(res).toEqual({ ok: true });
    const bounce = await sink.waitForMail(s.user.email, { since });
    expect(bounce.subject).toBe('Votre réponse par courriel n’a pas été publiée');
    expect(bounce.text).toContain('pièces jointes ne sont pas acceptées');
    expect(await comments(s.postId)).toEqual([]);
  });

  it('answers in French when the post is gone', async () => {
    const s = await scene();
    await app.pool.query(`UPDATE posts SET deleted_at = now() WHERE id = $1`, [s.postId]);
    const since = sink.mails.length;
    expect(await send({ from: s.user.email, to: s.to, subject: 'RE', text: 'Trop tard ?' })).toEqual({ ok: true });
    const bounce = await sink.waitForMail(s.user.email, { since });
    expect(bounce.text).toContain('a été supprimée ou n’est plus visible');
    expect(await comments(s.postId)).toEqual([]);
  });

  it('answers in French when the member is suspended from the community', async () => {
    const s = await scene();
    await app.pool.query(`INSERT INTO community_suspensions (community_id, user_id, until) VALUES ($1, $2, now() + interval '1 day')`, [s.community.id, s.user.id]);
    const since = sink.mails.length;
    expect(await send({ from: s.user.email, to: s.to, subject: 'RE', text: 'Je réponds quand même.' })).toEqual({ ok: true });
    const bounce = await sink.waitForMail(s.user.email, { since });
    expect(bounce.text).toContain('Vous ne pouvez plus écrire dans cette e-communauté');
    expect(await comments(s.postId)).toEqual([]);
  });

  it('limits the messages of one envelope sender (451, to retry later), whatever they contain', async () => {
    const s = await scene();
    // Two messages an hour for this listener, instead of the production 60.
    const strict = await startReplyListener({ db: app.db, mailer, config: { ...app.config, rateLimitFactor: 2 / 60 }, log: () => {} }, reply, 0);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: strict.port, secure: false, ignoreTLS: true });
    try {
      const codes: (number | undefined)[] = [];
      for (const n of [1, 2, 3]) {
        codes.push(await transport.sendMail({ from: s.user.email, to: s.to, subject: 'RE', text: `Réponse numéro ${n}` })
          .then(() => 250, (err: { responseCode?: number }) => err.responseCode));
      }
      expect(codes).toEqual([250, 250, 451]);
      expect(await comments(s.postId)).toHaveLength(2);
    } finally {
      transport.close();
      await strict.close();
    }
  });

  it('ignores out-of-office answers', async () => {
    const s = await scene();
    const res = await send({ from: s.user.email, to: s.to, subject: 'Réponse automatique : absent', text: 'Je suis absente.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(res).toEqual({ ok: true });
    expect(await comments(s.postId)).toEqual([]);
  });
});
