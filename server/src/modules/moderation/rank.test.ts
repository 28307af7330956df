import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole } from '../communities/policy.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { act, auditRows, commentOn, flag } from './moderation.fixtures.js';
import { actionRefusal, allowedActions, type ItemAuthor, type Moderator } from '../sanctions/rank.js';
import { ACTIONS, type ModerationAction } from '../../../../common/api/moderation.js';

/**
 * Nobody moderates upwards or sideways: actor (animator, coordinator, national team) × author
 * (member, animator, coordinator, national team, oneself). The table is checked on the policy
 * itself and over HTTP on the item-actions route and the queue's per-item permissions.
 */

type Actor = 'animator' | 'coordinator' | 'national';
type Author = 'member' | 'animator' | 'coordinator' | 'national' | 'self';

const ACTORS: Actor[] = ['animator', 'coordinator', 'national'];
const AUTHORS: Author[] = ['member', 'animator', 'coordinator', 'national', 'self'];

/** The expected verdict for every action but ban (the national team's alone). */
const TABLE: Record<Actor, Record<Author, 'allowed' | 'MODERATION_RANK' | 'FORBIDDEN'>> = {
  animator: { member: 'allowed', animator: 'MODERATION_RANK', coordinator: 'MODERATION_RANK', national: 'MODERATION_RANK', self: 'FORBIDDEN' },
  coordinator: { member: 'allowed', animator: 'allowed', coordinator: 'MODERATION_RANK', national: 'MODERATION_RANK', self: 'FORBIDDEN' },
  national: { member: 'allowed', animator: 'allowed', coordinator: 'allowed', national: 'MODERATION_RANK', self: 'FORBIDDEN' },
};

const ROLE: Record<Exclude<Author, 'self'>, CommunityRole | null> = { member: 'member', animator: 'animator', coordinator: 'coordinator', national: null };

function user(id: number, nationalRole: 'admin' | null): CurrentUser {
  return { id, email: `${id}@exemple.fr`, firstName: 'A', lastName: 'B', nationalRole, emailVerified: true };
}

describe('moderation rank: the policy table', () => {
  for (const actor of ACTORS) {
    for (const author of AUTHORS) {
      it(`${actor} on ${author}: ${TABLE[actor][author]}`, () => {
        const mod: Moderator = { user: user(1, actor === 'national' ? 'admin' : null), role: actor === 'national' ? null : actor, moderate: true };
        const target: ItemAuthor = author === 'self'
          ? { id: 1, nationalRole: mod.user.nationalRole, role: mod.role }
          : { id: 2, nationalRole: author === 'national' ? 'admin' : null, role: ROLE[author] };
        for (const action of ACTIONS) {
          const refusal = actionRefusal(mod, target, action);
          const expected = action === 'ban' && actor !== 'national' ? 'FORBIDDEN' : TABLE[actor][author];
          expect(refusal?.code ?? 'allowed', `${action}`).toBe(expected);
        }
        const offered = allowedActions(mod, target);
        expect(offered.length > 0).toBe(TABLE[actor][author] === 'allowed');
        expect(offered.includes('ban')).toBe(TABLE[actor][author] === 'allowed' && actor === 'national');
      });
    }
  }

  it('a coordinator’s animator role elsewhere or a member’s national role count: the highest rank wins', () => {
    const animator: Moderator = { user: user(1, null), role: 'animator', moderate: true };
    expect(actionRefusal(animator, { id: 2, nationalRole: 'admin', role: 'member' }, 'hide')?.code).toBe('MODERATION_RANK');
    const national: Moderator = { user: user(1, 'admin'), role: 'member', moderate: true };
    expect(actionRefusal(national, { id: 2, nationalRole: null, role: 'coordinator' }, 'suspend')).toBeNull();
  });
});

describe('moderation rank over HTTP', async () => {
  const { app } = await useTestApp();

  /** A fresh community with one actor and one author per cell, so sanctions never leak between cells. */
  async function cell(actor: Actor, author: Author) {
    const community = await createCommunity(app);
    const mod = actor === 'national' ? await signIn(app, { nationalRole: 'admin' }) : await memberOf(app, community.id, actor);
    let writer = mod;
    if (author === 'national') {
      // The national team writes in a community it has joined as a plain member.
      writer = await memberOf(app, community.id, 'member', { nationalRole: 'admin' });
    } else if (author !== 'self') {
      writer = await memberOf(app, community.id, ROLE[author]!);
    } else if (actor === 'national') {
      await addMember(app, community.id, mod.user.id);
    }
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: writer.headers,
      payload: { title: 'Publication à modérer', body: 'Texte d’origine.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { community, mod, writer, post: res.json() as { id: number } };
  }

  const SEQUENCE: { action: ModerationAction; extra?: Record<string, unknown> }[] = [
    { action: 'warn', extra: { message: 'Attention.' } },
    { action: 'suspend', extra: { days: 30 } },
    { action: 'edit', extra: { body: 'Texte réécrit par la modération.' } },
    { action: 'hide' },
    { action: 'unhide' },
    { action: 'delete' },
  ];
  const payload = (s: (typeof SEQUENCE)[number]) => ({ action: s.action, ...(s.action === 'unhide' ? {} : { reasonCode: 'spam' }), ...s.extra });

  for (const actor of ACTORS) {
    for (const author of AUTHORS) {
      const verdict = TABLE[actor][author];
      it(`${actor} on a post by ${author}: ${verdict}`, async () => {
        const { mod, writer, post } = await cell(actor, author);
        for (const step of SEQUENCE) {
          const res = await act(app, 'post', post.id, mod.headers, payload(step));
          if (verdict === 'allowed') {
            expect(res.statusCode, `${step.action}: ${res.body}`).toBe(200);
          } else {
            expect({ action: step.action, status: res.statusCode, code: res.json().code }).toEqual({ action: step.action, status: 403, code: verdict });
          }
        }
        if (verdict === 'MODERATION_RANK') {
          expect((await act(app, 'post', post.id, mod.headers, { action: 'hide', reasonCode: 'spam' })).json().message)
            .toBe('Vous ne pouvez pas modérer un membre de rang égal ou supérieur au vôtre : signalez-le à la coordination ou à l’équipe nationale.');
        }
        if (verdict !== 'allowed') {
          // Nothing happened: no audit row, the text intact, no suspension.
          expect(await auditRows(app, 'post', post.id)).toHaveLength(0);
          const { rows } = await app.pool.query('SELECT body_md, hidden_at, deleted_at FROM posts WHERE id = $1', [post.id]);
          expect(rows[0]).toEqual({ body_md: 'Texte d’origine.', hidden_at: null, deleted_at: null });
          const s = await app.pool.query('SELECT 1 FROM community_suspensions WHERE user_id = $1', [writer.user.id]);
          expect(s.rowCount).toBe(0);
        }
      });
    }
  }

  it('the same rule on comments, and on ban by the national team', async () => {
    const { mod: coordinator, community, post } = await cell('coordinator', 'member');
    const other = await memberOf(app, community.id, 'coordinator');
    const c = await commentOn(app, post.id, other.headers, 'Commentaire d’une coordinatrice.');
    expect((await act(app, 'comment', c.id, coordinator.headers, { action: 'edit', reasonCode: 'spam', body: 'Réécrit' })).json().code).toBe('MODERATION_RANK');
    const national = await signIn(app, { nationalRole: 'admin' });
    const peer = await memberOf(app, community.id, 'member', { nationalRole: 'admin' });
    const byPeer = await commentOn(app, post.id, peer.headers, 'Commentaire de l’équipe nationale.');
    expect((await act(app, 'comment', byPeer.id, national.headers, { action: 'ban', reasonCode: 'spam' })).json().code).toBe('MODERATION_RANK');
    expect((await act(app, 'comment', c.id, national.headers, { action: 'hide', reasonCode: 'spam' })).statusCode).toBe(200);
  });

  it('the posts module’s own delete follows the same rule for staff', async () => {
    const { mod: animator, community, post: byMember } = await cell('animator', 'member');
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: coordinator.headers, payload: { title: 'De la coordination', body: 'Texte.' } });
    const byCoordinator = res.json().id as number;
    const comment = await commentOn(app, byMember.id, coordinator.headers, 'Commentaire de la coordination.');
    const del = (url: string, headers: Record<string, string>) => app.inject({ method: 'DELETE', url, headers });
    // What the post page offers follows the same rule (and its cached comments, per reader rank).
    const page = async (id: number, headers: Record<string, string>) => (await app.inject({ method: 'GET', url: `/api/posts/${id}`, headers })).json();
    expect((await page(byCoordinator, animator.headers)).can).toMatchObject({ delete: false, moderate: false });
    expect((await page(byCoordinator, coordinator.headers)).can).toMatchObject({ delete: true, moderate: false });
    const asAnimator = await page(byMember.id, animator.headers);
    expect(asAnimator.can).toMatchObject({ delete: true, moderate: true });
    expect(asAnimator.comments.items.find((k: { id: number }) => k.id === comment.id).can).toMatchObject({ delete: false, moderate: false });
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await page(byMember.id, admin.headers)).comments.items.find((k: { id: number }) => k.id === comment.id).can.delete).toBe(true);
    const list = await app.inject({ method: 'GET', url: `/api/posts/${byMember.id}/comments`, headers: animator.headers });
    expect(list.json().items.find((k: { id: number }) => k.id === comment.id).can.delete).toBe(false);
    expect((await del(`/api/posts/${byCoordinator}`, animator.headers)).json().code).toBe('MODERATION_RANK');
    expect((await del(`/api/comments/${comment.id}`, animator.headers)).json().code).toBe('MODERATION_RANK');
    const { rows } = await app.pool.query('SELECT deleted_at FROM posts WHERE id = $1', [byCoordinator]);
    expect(rows[0].deleted_at).toBeNull();
    // Downwards and on one's own words, as before.
    expect((await del(`/api/comments/${comment.id}`, coordinator.headers)).statusCode).toBe(200);
    expect((await del(`/api/posts/${byMember.id}`, animator.headers)).statusCode).toBe(200);
    expect((await del(`/api/posts/${byCoordinator}`, coordinator.headers)).statusCode).toBe(200);
  });

  it('a private message by a national team member is not removed by another one', async () => {
    const peer = await signIn(app, { nationalRole: 'admin' });
    const reader = await signIn(app);
    const national = await signIn(app, { nationalRole: 'admin' });
    const started = await app.inject({ method: 'POST', url: '/api/conversations', headers: peer.headers, payload: { memberIds: [reader.user.id], body: 'Message de l’équipe nationale' } });
    expect(started.statusCode, started.body).toBe(201);
    const messageId = started.json().message.id as number;
    expect((await app.inject({ method: 'POST', url: `/api/messages/${messageId}/report`, headers: reader.headers, payload: { reasonCode: 'spam' } })).statusCode).toBe(201);
    const res = await app.inject({ method: 'POST', url: `/api/moderation/messages/${messageId}/actions`, headers: national.headers, payload: { action: 'remove', reasonCode: 'spam' } });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 403, code: 'MODERATION_RANK' });
    const { rows } = await app.pool.query('SELECT removed_at FROM messages WHERE id = $1', [messageId]);
    expect(rows[0].removed_at).toBeNull();
    // The queue of reported messages says so, so the page offers no decision.
    const queue = (await app.inject({ method: 'GET', url: '/api/moderation/messages?limit=50', headers: national.headers })).json();
    expect(queue.items.find((i: { message: { id: number } }) => i.message.id === messageId)?.can).toEqual({ decide: false });
  });

  it('the queue lists, per item, only the decisions the viewer may take', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const member = await memberOf(app, community.id);
    const reporter = await memberOf(app, community.id);
    const national = await signIn(app, { nationalRole: 'admin' });
    const postBy = async (headers: Record<string, string>) => {
      const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers, payload: { title: 'À revoir', body: 'Texte.' } });
      const id = (res.json() as { id: number }).id;
      expect((await flag(app, 'posts', id, reporter.headers)).statusCode).toBe(201);
      return id;
    };
    const byMember = await postBy(member.headers);
    const byCoordinator = await postBy(coordinator.headers);
    const queue = async (headers: Record<string, string>, url = `/api/communities/${community.slug}/moderation/queue`) => {
      const items = (await app.inject({ method: 'GET', url, headers })).json().items as { id: number; can: { actions: string[] } }[];
      return (id: number) => items.find((i) => i.id === id)?.can.actions;
    };
    const asAnimator = await queue(animator.headers);
    expect(asAnimator(byMember)).toEqual(['keep', 'hide', 'unhide', 'edit', 'anonymise', 'delete', 'warn', 'suspend']);
    expect(asAnimator(byCoordinator)).toEqual([]);
    const asCoordinator = await queue(coordinator.headers);
    expect(asCoordinator(byCoordinator)).toEqual([]);
    const asNational = await queue(national.headers);
    expect(asNational(byCoordinator)).toContain('ban');
  });
});
