import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestApp, useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { mentionHandles } from './hooks.js';
import { fanOutEvent, fanOutPending } from './service.js';
import { LISTENER_NAME } from './live.js';
import type { App } from '../../types.js';

interface SseEvent { id?: string; event?: string; data?: string }

/** A real HTTP SSE client: collects events until closed. */
function openStream(base: string, cookie: string, lastEventId?: string) {
  const events: SseEvent[] = [];
  let status = 0;
  const headers: Record<string, string> = { cookie, accept: 'text/event-stream' };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  let close = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    const req = http.get(`${base}/api/notifications/stream`, { headers }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const ev: SseEvent = {};
          for (const line of block.split('\n')) {
            const m = /^(id|event|data): ?(.*)$/.exec(line);
            if (m) ev[m[1] as keyof SseEvent] = m[2];
          }
          if (ev.data) events.push(ev);
        }
      });
      resolve();
    });
    req.on('error', reject);
    close = () => req.destroy();
  });
  return { events, ready, status: () => status, close: () => close() };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function postIn(app: App, slug: string, headers: Record<string, string>, body = 'Texte', kind?: string) {
  const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title: 'Sujet', body, ...(kind ? { kind } : {}) } });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

async function commentOn(app: App, postId: number, headers: Record<string, string>, body = 'Réponse', replyToId?: number) {
  const res = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers, payload: { body, ...(replyToId ? { replyToId } : {}) } });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

describe('notifications', async () => {
  const { app } = await useTestApp();

  it('parses @prenom-nom mentions', () => {
    expect(mentionHandles('Merci @marie-dupont et @jean-luc-martin, cf. a@b.fr @solo')).toEqual(['marie-dupont', 'jean-luc-martin']);
  });

  it('tells the post author, the replied-to author, and mentioned members; lists, counts, marks read', async () => {
    const community = await createCommunity(app);
    const a = await memberOf(app, community.id);
    const b = await memberOf(app, community.id);
    const c = await memberOf(app, community.id, 'member', { firstName: 'Éloïse', lastName: 'Le Goff' });
    const postId = await postIn(app, community.slug, a.headers);
    const first = await commentOn(app, postId, b.headers, 'Bonjour');
    await commentOn(app, postId, c.headers, 'Je réponds', first);
    await commentOn(app, postId, b.headers, 'Avis de @eloise-le-goff ?');

    const list = await app.inject({ method: 'GET', url: '/api/notifications', headers: a.headers });
    expect(list.statusCode).toBe(200);
    const kindsA = list.json().items.map((n: { kind: string }) => n.kind);
    expect(kindsA).toEqual(['reply_post', 'reply_post', 'reply_post']);
    const bList = (await app.inject({ method: 'GET', url: '/api/notifications', headers: b.headers })).json();
    expect(bList.items).toHaveLength(1);
    expect(bList.items[0]).toMatchObject({ kind: 'reply_comment', read: false, postId, actor: { id: c.user.id }, link: expect.stringContaining(`/publications/${postId}#commentaire-`) });
    const cList = (await app.inject({ method: 'GET', url: '/api/notifications', headers: c.headers })).json();
    expect(cList.items.map((n: { kind: string }) => n.kind)).toEqual(['mention']);

    const count = await app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: a.headers });
    expect(count.json()).toEqual({ unread: 3 });
    const page1 = (await app.inject({ method: 'GET', url: '/api/notifications?limit=2', headers: a.headers })).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await app.inject({ method: 'GET', url: `/api/notifications?limit=2&cursor=${page1.nextCursor}`, headers: a.headers })).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();

    const one = page1.items[0].id;
    expect((await app.inject({ method: 'POST', url: `/api/notifications/${one}/read`, headers: a.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: a.headers })).json()).toEqual({ unread: 2 });
    // Someone else's notification is not found.
    expect((await app.inject({ method: 'POST', url: `/api/notifications/${one}/read`, headers: b.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: a.headers })).json()).toEqual({ unread: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: a.headers })).json()).toEqual({ unread: 0 });
  });

  it('answers a question author with "answer" and warns animators of a new question', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const asker = await memberOf(app, community.id);
    const helper = await memberOf(app, community.id);
    const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/questions`, headers: asker.headers, payload: { title: 'Une question ?', body: 'Détails' } });
    const postId = res.statusCode === 201 ? res.json().id as number : await postIn(app, community.slug, asker.headers, 'Détails', 'question');
    await commentOn(app, postId, helper.headers, 'Voici la réponse');
    const asked = (await app.inject({ method: 'GET', url: '/api/notifications', headers: asker.headers })).json();
    expect(asked.items[0].kind).toBe('answer');
    const anim = (await app.inject({ method: 'GET', url: '/api/notifications', headers: animator.headers })).json();
    expect(anim.items.map((n: { kind: string }) => n.kind)).toContain('new_question');
  });

  it('fans out a new post to followers through the outbox, once', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const follower = await memberOf(app, community.id);
    const outsider = await signIn(app);
    expect((await app.inject({ method: 'PUT', url: `/api/communities/${community.slug}/follow`, headers: outsider.headers, payload: { following: true } })).statusCode).toBe(403);
    const put = await app.inject({ method: 'PUT', url: `/api/communities/${community.slug}/follow`, headers: follower.headers, payload: { following: true } });
    expect(put.json()).toEqual({ following: true });
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/follow`, headers: follower.headers })).json()).toEqual({ following: true });
    const postId = await postIn(app, community.slug, author.headers);
    // Not in the request: nothing until the job runs.
    expect((await app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: follower.headers })).json()).toEqual({ unread: 0 });
    await fanOutPending(app.db);
    await fanOutPending(app.db);
    const list = (await app.inject({ method: 'GET', url: '/api/notifications', headers: follower.headers })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'new_post', postId, community: { slug: community.slug } });
  });

  it('fans out in batches and resumes from the saved progress', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const followers = await Promise.all([0, 1, 2, 3, 4].map(() => memberOf(app, community.id)));
    await app.pool.query('INSERT INTO community_follows (community_id, user_id) SELECT $1, unnest($2::bigint[])', [community.id, [...followers.map((f) => f.user.id), author.user.id]]);
    await postIn(app, community.slug, author.headers);
    const { rows } = await app.pool.query<{ id: number }>('SELECT id FROM notification_events WHERE community_id = $1', [community.id]);
    expect(await fanOutEvent(app.db, rows[0]!.id, 2)).toBe(5);
    expect(await fanOutEvent(app.db, rows[0]!.id, 2)).toBe(0);
    const { rows: n } = await app.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE community_id = $1 AND kind = 'new_post'`, [community.id]);
    expect(n[0]!.n).toBe(5);
  });

  it('rejects anonymous callers and bad input', async () => {
    for (const url of ['/api/notifications', '/api/notifications/unread-count', '/api/notifications/stream']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect((await app.inject({ method: 'POST', url: '/api/notifications/read-all' })).statusCode).toBe(401);
    const u = await signIn(app);
    expect((await app.inject({ method: 'GET', url: '/api/notifications?cursor=abc', headers: u.headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/notifications/abc/read', headers: u.headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/notifications/999999999/read', headers: u.headers })).statusCode).toBe(404);
  });
});

describe('live notifications across two instances', async () => {
  const a = await makeTestApp();
  const b = await makeTestApp();
  afterAll(async () => { await b.close(); await a.close(); });
  await a.app.listen({ port: 0, host: '127.0.0.1' });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  const baseOf = (app: App) => {
    const addr = app.server.address();
    return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  };

  /** A post's author holding a stream on B, settled (B's LISTEN connection ready), and a member who replies through A. */
  async function authorListening() {
    const community = await createCommunity(a.app);
    const author = await memberOf(a.app, community.id);
    const replier = await memberOf(a.app, community.id);
    const postId = await postIn(a.app, community.slug, author.headers);
    const stream = openStream(baseOf(b.app), author.headers.cookie!);
    await stream.ready;
    expect(stream.status()).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    return { author, replier, postId, stream };
  }

  it('a reply written through A reaches a stream held by B within 2 s, and a reconnect catches up', async () => {
    const { author, replier, postId, stream } = await authorListening();
    const started = Date.now();
    const commentId = await commentOn(a.app, postId, replier.headers, 'En direct');
    await until(() => stream.events.length >= 1, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    const first = stream.events[0]!;
    expect(first.event).toBe('notification');
    expect(JSON.parse(first.data!)).toMatchObject({ kind: 'reply_post', postId, commentId });
    stream.close();

    // Missed while disconnected, then caught up from Last-Event-ID.
    await commentOn(a.app, postId, replier.headers, 'Pendant la coupure');
    await commentOn(a.app, postId, replier.headers, 'Encore');
    const again = openStream(baseOf(b.app), author.headers.cookie!, first.id);
    await again.ready;
    await until(() => again.events.length >= 2, 2000);
    expect(again.events.map((e) => Number(e.id))).toEqual([...again.events.map((e) => Number(e.id))].sort((x, y) => x - y));
    expect(Number(again.events[0]!.id)).toBeGreaterThan(Number(first.id));
    again.close();
  });

  it('survives a lost LISTEN connection: reconnects and sweeps what was committed meanwhile', async () => {
    const { replier, postId, stream } = await authorListening();
    await a.app.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER_NAME]);
    await commentOn(a.app, postId, replier.headers, 'Pendant la reconnexion');
    await until(() => stream.events.length >= 1, 5000);
    await commentOn(a.app, postId, replier.headers, 'Après');
    await until(() => stream.events.length >= 2, 3000);
    stream.close();
  });

  it('a catch-up leaves out what was taken away meanwhile', async () => {
    const { author, replier, postId, stream } = await authorListening();
    await commentOn(a.app, postId, replier.headers, 'Avant la coupure');
    await until(() => stream.events.length >= 1, 2000);
    stream.close();

    const withdrawn = await commentOn(a.app, postId, replier.headers, 'Retiré aussitôt');
    const del = await a.app.inject({ method: 'DELETE', url: `/api/comments/${withdrawn}`, headers: replier.headers });
    expect(del.statusCode, del.body).toBe(200);
    const kept = await commentOn(a.app, postId, replier.headers, 'Toujours là');
    const again = openStream(baseOf(b.app), author.headers.cookie!, stream.events[0]!.id);
    await again.ready;
    await until(() => again.events.length >= 1, 2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.events.map((e) => JSON.parse(e.data!).commentId)).toEqual([kept]);
    again.close();
  });

  it('refuses an anonymous stream', async () => {
    const res = await fetch(`${baseOf(b.app)}/api/notifications/stream`);
    expect(res.status).toBe(401);
  });
});

describe('moderation notifications', async () => {
  const { app } = await useTestApp();

  it('tells animators of a new flag and the author of a decision', async () => {
    const { moderationScene } = await import('../moderation/moderation.fixtures.js');
    const { author, reporter, animator, coordinator, post } = await moderationScene(app);
    const flag = await app.inject({ method: 'POST', url: `/api/posts/${post.id}/flags`, headers: reporter.headers, payload: { reasonCode: 'spam' } });
    expect(flag.statusCode, flag.body).toBe(201);
    for (const staff of [animator, coordinator]) {
      const list = (await app.inject({ method: 'GET', url: '/api/notifications', headers: staff.headers })).json();
      expect(list.items[0]).toMatchObject({ kind: 'new_flag', postId: post.id });
    }
    expect((await app.inject({ method: 'GET', url: '/api/notifications', headers: reporter.headers })).json().items).toHaveLength(0);
    const act = await app.inject({ method: 'POST', url: `/api/moderation/items/post/${post.id}/actions`, headers: animator.headers, payload: { action: 'hide', reasonCode: 'spam', fromQueue: true } });
    expect(act.statusCode, act.body).toBe(200);
    const mine = (await app.inject({ method: 'GET', url: '/api/notifications', headers: author.headers })).json();
    expect(mine.items[0]).toMatchObject({ kind: 'moderation', action: 'hide', postId: post.id });
  });
});
