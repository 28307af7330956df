import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { fanOutPending } from './service.js';

describe('following a dossier', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const author = await memberOf(app, community.id);
    const dossier = (await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/dossiers`, headers: animator.headers, payload: { title: 'Rénovation urbaine' },
    })).json() as { id: number };
    const post = async (title: string) => (await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title, body: 'Texte' },
    })).json().id as number;
    const addToDossier = (postId: number) => app.inject({
      method: 'POST', url: `/api/dossiers/${dossier.id}/items`, headers: animator.headers, payload: { postId, note: '' },
    });
    const follow = (headers: Record<string, string>, following: boolean) =>
      app.inject({ method: 'PUT', url: `/api/dossiers/${dossier.id}/follow`, headers, payload: { following } });
    return { community, animator, author, dossier, post, addToDossier, follow };
  }

  const notificationsOf = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: '/api/notifications', headers })).json().items as { kind: string; postId: number; title: string }[];

  it('tells followers, and only them, once, when a post is added to the dossier', async () => {
    const { community, author, dossier, post, addToDossier, follow } = await setup();
    const follower = await memberOf(app, community.id);
    const other = await memberOf(app, community.id);
    expect((await follow(follower.headers, true)).json()).toEqual({ following: true });
    expect((await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.id}/follow`, headers: follower.headers })).json()).toEqual({ following: true, canFollow: true });
    expect((await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.id}/follow`, headers: other.headers })).json()).toEqual({ following: false, canFollow: true });
    // The author follows too: never notified of their own post.
    await follow(author.headers, true);

    const postId = await post('Bilan du NPNRU');
    expect((await addToDossier(postId)).statusCode).toBe(201);
    await fanOutPending(app.db);
    await fanOutPending(app.db);
    expect((await notificationsOf(follower.headers)).filter((n) => n.kind === 'dossier_post')).toEqual([
      expect.objectContaining({ kind: 'dossier_post', postId, title: 'Bilan du NPNRU' }),
    ]);
    expect(await notificationsOf(other.headers)).toEqual([]);
    expect((await notificationsOf(author.headers)).filter((n) => n.kind === 'dossier_post')).toEqual([]);

    // Unfollowed: the next addition tells nobody.
    expect((await follow(follower.headers, false)).json()).toEqual({ following: false });
    await addToDossier(await post('Second bilan'));
    await fanOutPending(app.db);
    expect((await notificationsOf(follower.headers)).filter((n) => n.kind === 'dossier_post')).toHaveLength(1);
  });

  it('is for members of the community who can see the dossier', async () => {
    const { dossier, follow } = await setup();
    const outsider = await signIn(app);
    expect((await follow(outsider.headers, true)).json().code).toBe('NOT_MEMBER');
    expect((await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.id}/follow`, headers: outsider.headers })).json())
      .toEqual({ following: false, canFollow: false });
    expect((await app.inject({ method: 'PUT', url: `/api/dossiers/${dossier.id}/follow`, payload: { following: true } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: '/api/dossiers/999999/follow', headers: outsider.headers, payload: { following: true } })).json().code)
      .toBe('DOSSIER_NOT_FOUND');
    expect((await app.inject({ method: 'PUT', url: `/api/dossiers/${dossier.id}/follow`, headers: outsider.headers, payload: { following: 'oui' } })).statusCode)
      .toBe(400);
  });
});
