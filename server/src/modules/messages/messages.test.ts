import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { drainEvents, useTestApp } from '../../../test/helpers.js';
import { signIn } from '../posts/posts.fixtures.js';
import { listen } from './messages.fixtures.js';

const { app } = await useTestApp();

type Headers = Record<string, string>;

async function start(from: Headers, memberIds: number[], body: string, title?: string) {
  return app.inject({ method: 'POST', url: '/api/conversations', headers: from, payload: { memberIds, body, ...(title ? { title } : {}) } });
}

async function send(from: Headers, conversationId: number, body: string) {
  return app.inject({ method: 'POST', url: `/api/conversations/${conversationId}/messages`, headers: from, payload: { body } });
}

async function unread(headers: Headers): Promise<number> {
  return (await app.inject({ method: 'GET', url: '/api/messages/unread', headers })).json().unread;
}

/** The mails sent to the address, once those queued so far went out (what is missing then was never queued). */
async function mailsTo(email: string): Promise<{ subject: string; text: string }[]> {
  await drainEvents(app);
  const { rows } = await app.pool.query('SELECT subject, text FROM mail_outbox WHERE lower(to_address) = lower($1) ORDER BY id', [email]);
  return rows;
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('private messages', () => {
  it('opens one direct conversation per pair, counts unread messages and mails the first unread one only', async () => {
    const a = await signIn(app, { firstName: 'Agathe' });
    const b = await signIn(app);
    const first = await start(a.headers, [b.user.id], 'Bonjour, une question sur votre PLU ?');
    expect(first.statusCode, first.body).toBe(201);
    const { conversationId } = first.json();
    const again = await start(a.headers, [b.user.id, a.user.id], 'Je complète : le volet mobilité.');
    expect(again.json().conversationId).toBe(conversationId);
    expect(await unread(b.headers)).toBe(2);
    expect(await unread(a.headers)).toBe(0);

    const inbox = (await app.inject({ method: 'GET', url: '/api/conversations', headers: b.headers })).json();
    expect(inbox.items[0]).toMatchObject({ id: conversationId, kind: 'direct', unreadCount: 2, participants: [{ id: a.user.id }] });
    expect(inbox.items[0].lastMessage.excerpt).toBe('Je complète : le volet mobilité.');

    const opened = (await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}`, headers: b.headers })).json();
    expect(opened.messages.map((m: { body: string }) => m.body)).toEqual(['Je complète : le volet mobilité.', 'Bonjour, une question sur votre PLU ?']);
    expect(opened.can).toEqual({ send: true, addParticipants: false, rename: false, leave: false });
    const read = await app.inject({ method: 'POST', url: `/api/conversations/${conversationId}/read`, headers: b.headers });
    expect(read.json()).toEqual({ unread: 0 });

    const mails = await mailsTo(b.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Agathe');
    expect(mails[0]!.text).not.toContain('PLU');
    // A reply after reading brings a new notice to the other side only when they have nothing unread.
    await send(b.headers, conversationId, 'Avec plaisir.');
    expect(await mailsTo(a.user.email)).toHaveLength(1);
  });

  it('sends no mail to a member who turned the notice off', async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    await app.inject({ method: 'PATCH', url: '/api/me/directory-settings', headers: b.headers, payload: { messageEmail: false } });
    expect((await start(a.headers, [b.user.id], 'Sans courriel')).statusCode).toBe(201);
    expect(await mailsTo(b.user.email)).toHaveLength(0);
    expect(await unread(b.headers)).toBe(1);
  });

  it('keeps conversations private from animators, coordinators and the national team', async () => {
    const community = await createCommunity(app);
    const a = await signIn(app);
    const b = await signIn(app);
    const animator = await signIn(app);
    const coordinator = await signIn(app);
    const admin = await signIn(app, { nationalRole: 'admin' });
    for (const [u, role] of [[a, 'member'], [b, 'member'], [animator, 'animator'], [coordinator, 'coordinator']] as const) {
      await addMember(app, community.id, u.user.id, role);
    }
    const { conversationId, message } = (await start(a.headers, [b.user.id], 'Entre nous')).json();
    for (const outsider of [animator, coordinator, admin]) {
      for (const url of [`/api/conversations/${conversationId}`, `/api/conversations/${conversationId}/messages`]) {
        const res = await app.inject({ method: 'GET', url, headers: outsider.headers });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'CONVERSATION_NOT_FOUND', message: 'Conversation introuvable.' });
      }
      expect((await send(outsider.headers, conversationId, 'Intrusion')).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/messages/${message.id}/report`, headers: outsider.headers, payload: { reasonCode: 'spam' } })).statusCode).toBe(404);
      const inbox = (await app.inject({ method: 'GET', url: '/api/conversations', headers: outsider.headers })).json();
      expect(inbox.items).toEqual([]);
    }
    // Unreported, the message is not in the national queue either.
    const queue = (await app.inject({ method: 'GET', url: '/api/moderation/messages?limit=50', headers: admin.headers })).json();
    expect(JSON.stringify(queue)).not.toContain('Entre nous');
  });

  it('runs small groups, with a size limit', async () => {
    const a = await signIn(app);
    const others = await Promise.all(Array.from({ length: 10 }, () => signIn(app)));
    const group = await start(a.headers, others.slice(0, 3).map((o) => o.user.id), 'Réunion du réseau', 'Groupe mobilités');
    expect(group.statusCode, group.body).toBe(201);
    const view = (await app.inject({ method: 'GET', url: `/api/conversations/${group.json().conversationId}`, headers: others[2]!.headers })).json();
    expect(view).toMatchObject({ kind: 'group', title: 'Groupe mobilités' });
    expect(view.participants).toHaveLength(4);
    const tooMany = await start(a.headers, others.map((o) => o.user.id), 'Trop de monde');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'CONVERSATION_TOO_LARGE', message: 'Une conversation de groupe réunit au plus 10 personnes, vous comprise.' });
    const self = await start(a.headers, [a.user.id], 'À moi-même');
    expect(self.json().code).toBe('CANNOT_MESSAGE_SELF');
    const ghost = await start(a.headers, [999_999_999], 'Personne');
    expect(ghost.statusCode).toBe(404);
  });

  it('lets a member block another: the blocked one gets a clear French 403, until unblocked', async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    const { conversationId } = (await start(a.headers, [b.user.id], 'Premier message')).json();
    const blocked = await app.inject({ method: 'PUT', url: `/api/members/${a.user.id}/block`, headers: b.headers });
    expect(blocked.json()).toEqual({ blocked: true });
    const refused = await send(a.headers, conversationId, 'Encore moi');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ code: 'MESSAGE_BLOCKED', message: 'Ce membre ne souhaite pas recevoir vos messages : vous ne pouvez pas lui écrire.' });
    expect((await start(a.headers, [b.user.id], 'Nouvelle tentative')).statusCode).toBe(403);
    const view = (await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}`, headers: a.headers })).json();
    expect(view.can.send).toBe(false);
    const profile = (await app.inject({ method: 'GET', url: `/api/members/${b.user.id}`, headers: a.headers })).json();
    expect(profile.can.message).toBe(false);
    expect((await app.inject({ method: 'GET', url: `/api/members/${a.user.id}`, headers: b.headers })).json().blockedByMe).toBe(true);
    // The one who blocked can still write.
    expect((await send(b.headers, conversationId, 'Je vous réponds une dernière fois')).statusCode).toBe(201);
    await app.inject({ method: 'DELETE', url: `/api/members/${a.user.id}/block`, headers: b.headers });
    expect((await send(a.headers, conversationId, 'Merci')).statusCode).toBe(201);
    expect((await app.inject({ method: 'PUT', url: `/api/members/${b.user.id}/block`, headers: b.headers })).json().code).toBe('CANNOT_BLOCK_SELF');
  });

  it('reports a message to the national team, which sees that message alone and can remove it', async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    const coordinator = await signIn(app);
    const admin = await signIn(app, { nationalRole: 'admin' });
    const { conversationId } = (await start(a.headers, [b.user.id], 'Message ordinaire et privé')).json();
    const bad = (await send(a.headers, conversationId, 'Propos injurieux')).json();
    await send(b.headers, conversationId, 'Réponse privée de B');

    const report = () => app.inject({ method: 'POST', url: `/api/messages/${bad.id}/report`, headers: b.headers, payload: { reasonCode: 'spam', comment: 'Insultant' } });
    expect((await report()).statusCode).toBe(201);
    const twice = await report();
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('MESSAGE_ALREADY_REPORTED');
    const own = await app.inject({ method: 'POST', url: `/api/messages/${bad.id}/report`, headers: a.headers, payload: { reasonCode: 'spam' } });
    expect(own.json().code).toBe('CANNOT_REPORT_OWN_MESSAGE');
    const { id: firstId } = (await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}/messages?limit=3`, headers: b.headers })).json().items[2];
    const unknownReason = await app.inject({ method: 'POST', url: `/api/messages/${firstId}/report`, headers: b.headers, payload: { reasonCode: 'nope' } });
    expect(unknownReason.json().code).toBe('FLAG_REASON_NOT_FOUND');

    expect((await app.inject({ method: 'GET', url: '/api/moderation/messages', headers: coordinator.headers })).statusCode).toBe(403);
    const queue = (await app.inject({ method: 'GET', url: '/api/moderation/messages?limit=50', headers: admin.headers })).json();
    const item = queue.items.find((i: { message: { id: number } }) => i.message.id === bad.id);
    expect(item).toMatchObject({ message: { body: 'Propos injurieux', conversationId }, author: { id: a.user.id }, reports: [{ reporter: { id: b.user.id }, reasonCode: 'spam', comment: 'Insultant' }] });
    const text = JSON.stringify(queue);
    expect(text).not.toContain('Message ordinaire et privé');
    expect(text).not.toContain('Réponse privée de B');
    // Reading the queue does not open the conversation to the national team.
    expect((await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}`, headers: admin.headers })).statusCode).toBe(404);

    const noReason = await app.inject({ method: 'POST', url: `/api/moderation/messages/${bad.id}/actions`, headers: admin.headers, payload: { action: 'remove' } });
    expect(noReason.statusCode).toBe(400);
    const removed = await app.inject({ method: 'POST', url: `/api/moderation/messages/${bad.id}/actions`, headers: admin.headers, payload: { action: 'remove', reasonCode: 'spam' } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().handledReports).toBe(1);
    const again = await app.inject({ method: 'POST', url: `/api/moderation/messages/${bad.id}/actions`, headers: admin.headers, payload: { action: 'keep' } });
    expect(again.json().code).toBe('MESSAGE_REPORT_HANDLED');
    const view = (await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}`, headers: b.headers })).json();
    expect(view.messages.find((m: { id: number }) => m.id === bad.id)).toMatchObject({ body: '', removed: true });
    const { rows } = await app.pool.query(`SELECT action, target_user_id FROM moderation_audit WHERE target_type = 'message' AND target_id = $1`, [bad.id]);
    expect(rows).toEqual([{ action: 'delete', target_user_id: a.user.id }]);
  });

  it('pages a long conversation with a keyset cursor and rejects bad input in French', async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    const { conversationId } = (await start(a.headers, [b.user.id], 'Message 1')).json();
    await app.pool.query(`INSERT INTO messages (conversation_id, author_id, body) SELECT $1, $2, 'Message ' || n FROM generate_series(2, 35) n`, [conversationId, a.user.id]);
    const first = (await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}`, headers: b.headers })).json();
    expect(first.messages).toHaveLength(30);
    expect(first.messages[0].body).toBe('Message 35');
    const rest = (await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}/messages?cursor=${first.nextCursor}`, headers: b.headers })).json();
    expect(rest.items.map((m: { body: string }) => m.body)).toEqual(['Message 5', 'Message 4', 'Message 3', 'Message 2', 'Message 1']);
    expect(rest.nextCursor).toBeNull();
    const empty = await send(a.headers, conversationId, '   ');
    expect(empty.statusCode).toBe(400);
    const long = await send(a.headers, conversationId, 'x'.repeat(5001));
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { body: 'Au plus 5000 caractères.' } });
    const cursor = await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}/messages?cursor=abc`, headers: b.headers });
    expect(cursor.json().code).toBe('INVALID_CURSOR');
    expect((await app.inject({ method: 'GET', url: '/api/conversations' })).statusCode).toBe(401);
  });
});

describe('private messages: rate limit and live delivery', async () => {
  // 120 × 0.05: six messages an hour, so the seventh is refused.
  const { app: slow } = await useTestApp({ rateLimitFactor: 0.05 });

  it('limits sending', async () => {
    const a = await signIn(slow);
    const b = await signIn(slow);
    const { conversationId } = (await slow.inject({ method: 'POST', url: '/api/conversations', headers: a.headers, payload: { memberIds: [b.user.id], body: '1' } })).json();
    const codes: number[] = [];
    for (let i = 2; i <= 7; i++) {
      codes.push((await slow.inject({ method: 'POST', url: `/api/conversations/${conversationId}/messages`, headers: a.headers, payload: { body: String(i) } })).statusCode);
    }
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('wakes the recipient’s live stream', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const a = await signIn(app);
    const b = await signIn(app);
    const events = await listen(port, b.headers.cookie!);
    await new Promise((r) => setTimeout(r, 300));
    const { conversationId } = (await start(a.headers, [b.user.id], 'En direct')).json();
    await eventually(async () => events.list, (l) => l.some((e) => e.event === 'private-message'), 3000);
    events.close();
    expect(events.list.find((e) => e.event === 'private-message')?.data).toBe(JSON.stringify({ conversationId }));
  });
});
