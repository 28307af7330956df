import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { runDigest } from '../email-prefs/digests.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { act, commentOn } from './moderation.fixtures.js';

type Headers = Record<string, string>;

/**
 * A hidden item leaves every list others read — feeds, questions to handle, agenda and its iCalendar
 * feed, dossiers, polls, the related-communities panel, search, Atom feeds, notifications, digests —
 * while its author still opens it and reads why. Each list is read before hiding (the item is there)
 * and after (it is gone), so a list that forgets the filter fails here.
 */
describe('hidden items leave every list', async () => {
  const { app } = await useTestApp();

  function inDays(n: number): string {
    return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  }

  async function scene() {
    const marker = `zorglub${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const community = await createCommunity(app);
    const related = await createCommunity(app);
    await app.pool.query('INSERT INTO community_relations (community_id, related_id) VALUES ($1, $2), ($2, $1)', [related.id, community.id]);
    const author = await memberOf(app, community.id);
    const reader = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const admin = await signIn(app, { nationalRole: 'admin' });
    return { marker, community, related, author, reader, animator, admin };
  }

  async function created(url: string, headers: Headers, payload: Record<string, unknown>) {
    const res = await app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function hide(type: 'post' | 'comment', id: number, admin: Headers) {
    const res = await act(app, type, id, admin, { action: 'hide', reasonCode: 'spam', message: 'Hors charte.' });
    expect(res.statusCode, res.body).toBe(200);
  }

  async function body(url: string, headers?: Headers): Promise<string> {
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.body;
  }

  it('posts, questions, events, polls, dossiers, related panel, search and feeds', async () => {
    const { marker, community, related, author, reader, animator, admin } = await scene();
    const slug = community.slug;
    const discussion = await created(`/api/communities/${slug}/posts`, author.headers, { title: `Discussion ${marker}`, body: `Texte ${marker}.` });
    const question = await created(`/api/communities/${slug}/posts`, author.headers, { kind: 'question', title: `Question ${marker}`, body: `Qui sait ${marker} ?` });
    const day = inDays(20);
    const event = await created(`/api/communities/${slug}/events`, animator.headers, {
      title: `Atelier ${marker}`, body: 'Rencontre.', startDate: day, startTime: '10:00', endDate: day, endTime: '12:00',
    });
    const poll = await created(`/api/communities/${slug}/polls`, animator.headers, {
      title: `Sondage ${marker}`, options: ['Oui', 'Non'], closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const dossier = await created(`/api/communities/${slug}/dossiers`, animator.headers, { title: 'Dossier de lecture', intro: 'À lire.' });
    await created(`/api/dossiers/${dossier.id}/items`, animator.headers, { postId: discussion.id });

    const month = `from=${day.slice(0, 8)}01&to=${day}`;
    // [what a person reads, url, headers, title expected there]
    const lists: [string, string, Headers | undefined, string][] = [
      ['fil de l’e-communauté', `/api/communities/${slug}/posts`, reader.headers, `Discussion ${marker}`],
      ['fil personnel', '/api/feed', reader.headers, `Discussion ${marker}`],
      ['questions de l’e-communauté', `/api/communities/${slug}/posts?kind=question`, reader.headers, `Question ${marker}`],
      ['questions à traiter (e-communauté)', `/api/communities/${slug}/questions/pending`, animator.headers, `Question ${marker}`],
      ['questions à traiter (toutes)', '/api/questions/pending', animator.headers, `Question ${marker}`],
      ['citer une publication', `/api/communities/${slug}/posts/suggest?q=${marker}`, reader.headers, `Question ${marker}`],
      ['agenda à venir', `/api/communities/${slug}/events`, reader.headers, `Atelier ${marker}`],
      ['agenda du mois', `/api/communities/${slug}/events/month?${month}`, reader.headers, `Atelier ${marker}`],
      ['agenda du réseau', '/api/events?limit=50', reader.headers, `Atelier ${marker}`],
      ['flux iCalendar', `/api/communities/${slug}/agenda.ics`, undefined, `Atelier ${marker}`],
      ['sondages', `/api/communities/${slug}/polls`, reader.headers, `Sondage ${marker}`],
      ['dossier', `/api/dossiers/${dossier.id}`, reader.headers, `Discussion ${marker}`],
      ['flux Atom du dossier', `/api/dossiers/${dossier.id}/feed.atom`, undefined, `Discussion ${marker}`],
      ['publications à ajouter au dossier', `/api/communities/${slug}/dossier-candidates?q=${marker}`, animator.headers, `Discussion ${marker}`],
      ['e-communautés liées', `/api/communities/${related.slug}/related-posts`, reader.headers, `Sondage ${marker}`],
      ['recherche', `/api/search?q=${marker}`, reader.headers, `Discussion ${marker}`],
      ['flux Atom de l’e-communauté', `/api/communities/${slug}/feed.atom`, undefined, `Discussion ${marker}`],
    ];
    for (const [name, url, headers, title] of lists) {
      expect(await body(url, headers), `${name} avant masquage`).toContain(title);
    }

    for (const id of [discussion.id, question.id, poll.postId, event.postId]) await hide('post', id, admin.headers);

    for (const [name, url, headers, title] of lists) {
      expect(await body(url, headers), `${name} après masquage`).not.toContain(title);
    }
    // The event's own iCalendar file is not served to readers either, but still to its author.
    expect((await app.inject({ method: 'GET', url: `/api/events/${event.postId}.ics`, headers: reader.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/events/${event.postId}.ics`, headers: animator.headers })).statusCode).toBe(200);
    // The author still opens the post and reads why.
    const mine = await app.inject({ method: 'GET', url: `/api/posts/${question.id}`, headers: author.headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().hidden.reason).toContain('Hors charte.');
    expect((await app.inject({ method: 'GET', url: `/api/posts/${question.id}`, headers: reader.headers })).statusCode).toBe(404);
  });

  it('a share of a hidden post no longer shows the original', async () => {
    const { marker, community, related, author, animator, admin } = await scene();
    const original = await created(`/api/communities/${community.slug}/posts`, author.headers, { title: `Original ${marker}`, body: 'Texte.' });
    const relatedAnimator = await memberOf(app, related.id, 'animator');
    const share = await created(`/api/communities/${related.slug}/posts`, relatedAnimator.headers, { kind: 'partage', sharedPostId: original.id, body: 'Utile.' });
    expect(await body(`/api/posts/${share.id}`, animator.headers)).toContain(`Original ${marker}`);
    await hide('post', original.id, admin.headers);
    const after = await app.inject({ method: 'GET', url: `/api/posts/${share.id}`, headers: animator.headers });
    expect(after.json().shared).toBeNull();
  });

  it('notifications: others lose those about a hidden item, its author keeps the notice telling why', async () => {
    const { marker, community, author, reader, animator, admin } = await scene();
    const post = await created(`/api/communities/${community.slug}/posts`, author.headers, { title: `Sujet ${marker}`, body: 'Texte.' });
    const comment = await commentOn(app, post.id, reader.headers, 'Une réponse hors charte.');
    const question = await created(`/api/communities/${community.slug}/posts`, author.headers, { kind: 'question', title: `Question ${marker}`, body: 'Qui sait ?' });
    const notes = async (headers: Headers) => (await app.inject({ method: 'GET', url: '/api/notifications', headers })).json();
    const unread = async (headers: Headers) => (await app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers })).json().unread as number;
    expect((await notes(author.headers)).items.map((n: { commentId: number | null }) => n.commentId)).toContain(comment.id);
    expect((await notes(animator.headers)).items.map((n: { postId: number }) => n.postId)).toContain(question.id);
    const animatorUnread = await unread(animator.headers);

    await hide('comment', comment.id, admin.headers);
    await hide('post', question.id, admin.headers);

    expect((await notes(author.headers)).items.map((n: { commentId: number | null }) => n.commentId)).not.toContain(comment.id);
    expect((await notes(animator.headers)).items.map((n: { postId: number }) => n.postId)).not.toContain(question.id);
    // The badge counts what the list shows.
    expect(await unread(animator.headers)).toBe(animatorUnread - 1);
    const readerNotes = (await notes(reader.headers)).items as { kind: string; commentId: number | null; action: string | null }[];
    expect(readerNotes.find((n) => n.kind === 'moderation' && n.commentId === comment.id)).toMatchObject({ action: 'hide' });
    const authorNotes = (await notes(author.headers)).items as { kind: string; postId: number }[];
    expect(authorNotes.find((n) => n.kind === 'moderation' && n.postId === question.id)).toBeTruthy();
  });

  it('digests leave out hidden posts', async () => {
    const { marker, community, author, reader, admin } = await scene();
    const res = await app.inject({ method: 'PUT', url: `/api/me/email-preferences/${community.id}`, headers: reader.headers, payload: { frequency: 'daily' } });
    expect(res.statusCode, res.body).toBe(200);
    await created(`/api/communities/${community.slug}/posts`, author.headers, { title: `Visible ${marker}`, body: 'Texte.' });
    const hidden = await created(`/api/communities/${community.slug}/posts`, author.headers, { title: `Masquée ${marker}`, body: 'Texte.' });
    await hide('post', hidden.id, admin.headers);
    await runDigest({ db: app.db, mailer: app.mailer, config: app.config, log: () => {} }, 'daily', new Date(Date.now() + 1000));
    const { rows } = await app.pool.query<{ text: string }>('SELECT text FROM mail_outbox WHERE to_address = $1', [reader.user.email]);
    const digest = rows.find((r) => r.text.includes(`Visible ${marker}`));
    expect(digest, 'résumé envoyé').toBeTruthy();
    expect(digest!.text).not.toContain(`Masquée ${marker}`);
  });
});
