import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { signIn } from '../posts/posts.fixtures.js';
import { listen } from './messages.fixtures.js';

const { app } = await useTestApp();

type Headers = Record<string, string>;
type Msg = { id: number; kind: string; body: string; authorId: number };

/** Two others at least: with one, POST /conversations opens the pair's direct conversation. */
async function group(from: Headers, memberIds: number[], title = 'Groupe cités éducatives') {
  expect(memberIds.length).toBeGreaterThanOrEqual(2);
  const res = await app.inject({ method: 'POST', url: '/api/conversations', headers: from, payload: { memberIds, title, body: 'Bonjour à toutes et à tous' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().conversationId as number;
}
const add = (from: Headers, id: number, memberIds: number[]) =>
  app.inject({ method: 'POST', url: `/api/conversations/${id}/participants`, headers: from, payload: { memberIds } });
const rename = (from: Headers, id: number, title: string) =>
  app.inject({ method: 'PATCH', url: `/api/conversations/${id}`, headers: from, payload: { title } });
const leave = (from: Headers, id: number) => app.inject({ method: 'POST', url: `/api/conversations/${id}/leave`, headers: from });
const send = (from: Headers, id: number, body: string) =>
  app.inject({ method: 'POST', url: `/api/conversations/${id}/messages`, headers: from, payload: { body } });
const view = (from: Headers, id: number) => app.inject({ method: 'GET', url: `/api/conversations/${id}`, headers: from });
const unread = async (from: Headers) => (await app.inject({ method: 'GET', url: '/api/messages/unread', headers: from })).json().unread as number;
const inbox = async (from: Headers) => (await app.inject({ method: 'GET', url: '/api/conversations', headers: from })).json().items as { id: number }[];

describe('group conversations: adding, renaming, leaving', () => {
  it('adds a participant, who reads from their arrival on and finds it unread', async () => {
    const camille = await signIn(app, { firstName: 'Camille', lastName: 'Martin' });
    const b = await signIn(app);
    const c = await signIn(app);
    const paul = await signIn(app, { firstName: 'Paul', lastName: 'Durand' });
    const id = await group(camille.headers, [b.user.id, c.user.id]);
    await send(b.headers, id, 'Historique avant l’arrivée de Paul');

    const added = await add(camille.headers, id, [paul.user.id]);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      added: [{ id: paul.user.id, firstName: 'Paul', lastName: 'Durand' }],
      message: { kind: 'system', body: 'Camille Martin a ajouté Paul Durand', authorId: camille.user.id },
    });
    expect(await unread(paul.headers)).toBe(1);
    expect(await unread(b.headers)).toBe(1);
    const seen = (await view(paul.headers, id)).json();
    expect(seen.participants.map((p: { id: number }) => p.id).sort()).toEqual([camille.user.id, b.user.id, c.user.id, paul.user.id].sort());
    expect(seen.messages.map((m: Msg) => m.body)).toEqual(['Camille Martin a ajouté Paul Durand']);
    expect(seen.can).toEqual({ send: true, addParticipants: true, rename: true, leave: true });
    const older = (await app.inject({ method: 'GET', url: `/api/conversations/${id}/messages?limit=50`, headers: paul.headers })).json();
    expect(older.items).toHaveLength(1);
    const [summary] = (await app.inject({ method: 'GET', url: '/api/conversations', headers: paul.headers })).json().items;
    expect(summary).toMatchObject({ id, unreadCount: 1, lastMessage: { kind: 'system', excerpt: 'Camille Martin a ajouté Paul Durand' } });

    // From then on, Paul reads and is counted like anyone else, and can report what he reads only.
    const reply = (await send(b.headers, id, 'Bienvenue Paul')).json();
    expect(await unread(paul.headers)).toBe(2);
    expect((await view(paul.headers, id)).json().messages[0].body).toBe('Bienvenue Paul');
    const history = (await view(camille.headers, id)).json().messages.at(-1) as Msg;
    const report = (messageId: number) =>
      app.inject({ method: 'POST', url: `/api/messages/${messageId}/report`, headers: paul.headers, payload: { reasonCode: 'spam' } });
    expect((await report(history.id)).statusCode).toBe(404);
    expect((await report(added.json().message.id)).statusCode).toBe(404);
    expect((await report(reply.id)).statusCode).toBe(201);
  });

  it('renames a group with a line everyone sees, within the title limit', async () => {
    const a = await signIn(app, { firstName: 'Camille', lastName: 'Martin' });
    const b = await signIn(app);
    const c = await signIn(app);
    const id = await group(a.headers, [b.user.id, c.user.id]);
    const renamed = await rename(b.headers, id, '  Réseau PRE 93  ');
    expect(renamed.statusCode, renamed.body).toBe(200);
    const by = `${b.user.firstName} ${b.user.lastName}`;
    expect(renamed.json()).toMatchObject({ title: 'Réseau PRE 93', message: { kind: 'system', body: `${by} a renommé la conversation en « Réseau PRE 93 »` } });
    const seen = (await view(c.headers, id)).json();
    expect(seen.title).toBe('Réseau PRE 93');
    expect(seen.messages[0].body).toBe(`${by} a renommé la conversation en « Réseau PRE 93 »`);
    expect((await rename(a.headers, id, 'Réseau PRE 93')).json().message).toBeNull();
    const long = await rename(a.headers, id, 'x'.repeat(121));
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_FAILED');
    expect((await rename(a.headers, id, '   ')).statusCode).toBe(400);
  });

  it('lets a participant leave: out of their list, no access to what follows, the others told', async () => {
    const a = await signIn(app);
    const b = await signIn(app, { firstName: 'Léa', lastName: 'Roux' });
    const c = await signIn(app);
    const id = await group(a.headers, [b.user.id, c.user.id]);
    await send(c.headers, id, 'Avant le départ');
    expect(await unread(b.headers)).toBe(2);

    expect((await leave(b.headers, id)).json()).toEqual({ ok: true });
    expect(await unread(b.headers)).toBe(0);
    expect((await inbox(b.headers)).map((i) => i.id)).not.toContain(id);
    await send(a.headers, id, 'Après le départ de Léa');
    for (const url of [`/api/conversations/${id}`, `/api/conversations/${id}/messages`]) {
      const res = await app.inject({ method: 'GET', url, headers: b.headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CONVERSATION_NOT_FOUND');
    }
    expect((await send(b.headers, id, 'Je reviens ?')).statusCode).toBe(404);
    expect((await rename(b.headers, id, 'Pirate')).statusCode).toBe(404);
    expect((await add(b.headers, id, [b.user.id])).statusCode).toBe(404);
    expect((await leave(b.headers, id)).statusCode).toBe(404);

    const seen = (await view(c.headers, id)).json();
    expect(seen.participants.map((p: { id: number }) => p.id)).not.toContain(b.user.id);
    expect(seen.messages.map((m: Msg) => m.body)).toContain('Léa Roux a quitté la conversation');

    // Added back later, she reads from her return on, not what was said while she was away.
    expect((await add(a.headers, id, [b.user.id])).statusCode).toBe(201);
    const back = (await view(b.headers, id)).json().messages.map((m: Msg) => m.body);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatch(/a ajouté Léa Roux$/);

    // The last ones to leave leave an empty conversation behind, without error.
    for (const p of [a, b, c]) expect((await leave(p.headers, id)).statusCode).toBe(200);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM conversation_members WHERE conversation_id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses changes to a direct conversation, with a clear French message', async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    const c = await signIn(app);
    const { conversationId } = (await app.inject({ method: 'POST', url: '/api/conversations', headers: a.headers, payload: { memberIds: [b.user.id], body: 'À deux' } })).json();
    const refused = await add(a.headers, conversationId, [c.user.id]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      code: 'CONVERSATION_IS_DIRECT',
      message: 'Une conversation à deux garde ses deux participants : pour échanger à plusieurs, commencez une nouvelle conversation de groupe.',
    });
    expect((await rename(a.headers, conversationId, 'Titre')).json().code).toBe('CONVERSATION_IS_DIRECT');
    expect((await leave(a.headers, conversationId)).json().code).toBe('CONVERSATION_IS_DIRECT');
    expect((await view(c.headers, conversationId)).statusCode).toBe(404);
  });

  it('refuses the size limit, someone already there, unknown or deleted accounts, and blocks either way', async () => {
    const a = await signIn(app);
    const others = await Promise.all(Array.from({ length: 10 }, () => signIn(app)));
    const id = await group(a.headers, others.slice(0, 8).map((o) => o.user.id));
    const tooMany = await add(a.headers, id, [others[8]!.user.id, others[9]!.user.id]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('CONVERSATION_TOO_LARGE');
    expect((await add(a.headers, id, [others[0]!.user.id])).json()).toMatchObject({ code: 'ALREADY_PARTICIPANT', message: 'Cette personne participe déjà à la conversation.' });
    expect((await add(a.headers, id, [others[0]!.user.id])).statusCode).toBe(409);
    const ghost = await add(a.headers, id, [999_999_999]);
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json().code).toBe('RECIPIENT_UNAVAILABLE');
    const gone = await signIn(app);
    await app.pool.query('UPDATE users SET deleted_at = now() WHERE id = $1', [gone.user.id]);
    expect((await add(a.headers, id, [gone.user.id])).json().code).toBe('RECIPIENT_UNAVAILABLE');

    const small = await group(a.headers, [others[0]!.user.id, others[1]!.user.id]);
    const blocker = await signIn(app);
    const blockedByAdder = await signIn(app);
    const blocksAnother = await signIn(app);
    await app.inject({ method: 'PUT', url: `/api/members/${a.user.id}/block`, headers: blocker.headers });
    await app.inject({ method: 'PUT', url: `/api/members/${blockedByAdder.user.id}/block`, headers: a.headers });
    await app.inject({ method: 'PUT', url: `/api/members/${others[1]!.user.id}/block`, headers: blocksAnother.headers });
    for (const who of [blocker, blockedByAdder, blocksAnother]) {
      const res = await add(a.headers, small, [who.user.id]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ code: 'PARTICIPANT_BLOCKED', message: 'Impossible d’ajouter cette personne : un blocage existe entre elle et un participant de la conversation.' });
    }
    // Nothing was written by the refusals.
    const seen = (await view(a.headers, small)).json();
    expect(seen.participants).toHaveLength(3);
    expect(seen.messages.filter((m: Msg) => m.kind === 'system')).toEqual([]);
  });

  it('keeps every group change to participants: others get a 404, whatever their role', async () => {
    const community = await createCommunity(app);
    const a = await signIn(app);
    const b = await signIn(app);
    const animator = await signIn(app);
    const admin = await signIn(app, { nationalRole: 'admin' });
    await addMember(app, community.id, animator.user.id, 'animator');
    const id = await group(a.headers, [b.user.id, (await signIn(app)).user.id]);
    for (const outsider of [animator, admin]) {
      for (const res of [await add(outsider.headers, id, [outsider.user.id]), await rename(outsider.headers, id, 'Intrusion'), await leave(outsider.headers, id)]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('CONVERSATION_NOT_FOUND');
      }
    }
    expect((await add({}, id, [b.user.id])).statusCode).toBe(401);
    expect((await view(a.headers, id)).json().title).toBe('Groupe cités éducatives');
  });
});

describe('group conversations: rate limit and live delivery', async () => {
  // 60 × 0.05: three changes an hour, so the fourth is refused.
  const { app: slow } = await useTestApp({ rateLimitFactor: 0.05 });

  it('limits group changes', async () => {
    const a = await signIn(slow);
    const b = await signIn(slow);
    const c = await signIn(slow);
    const { conversationId } = (await slow.inject({ method: 'POST', url: '/api/conversations', headers: a.headers, payload: { memberIds: [b.user.id, c.user.id], body: '1' } })).json();
    const codes: number[] = [];
    for (let i = 1; i <= 4; i++) {
      codes.push((await slow.inject({ method: 'PATCH', url: `/api/conversations/${conversationId}`, headers: a.headers, payload: { title: `Titre ${i}` } })).statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('wakes a newly added participant’s live stream', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const a = await signIn(app);
    const b = await signIn(app);
    const c = await signIn(app);
    const id = await group(a.headers, [b.user.id, (await signIn(app)).user.id]);
    const events = await listen(port, c.headers.cookie!);
    await new Promise((r) => setTimeout(r, 300));
    expect((await add(a.headers, id, [c.user.id])).statusCode).toBe(201);
    const deadline = Date.now() + 3000;
    while (!events.list.some((e) => e.event === 'private-message') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    events.close();
    expect(events.list.find((e) => e.event === 'private-message')?.data).toBe(JSON.stringify({ conversationId: id }));
  });
});
