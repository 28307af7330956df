import { createCommunity } from '../../../test/community-factories.js';
import { unique } from '../../../test/helpers.js';
import type { App } from '../../types.js';
import { memberOf } from '../posts/posts.fixtures.js';

/** Test-only helpers of the questions tests. */

type Signed = Awaited<ReturnType<typeof memberOf>>;

/** A question asked over HTTP through the generic posts route. */
export async function ask(app: App, slug: string, asker: Signed, title = `Question ${unique('q')}`): Promise<number> {
  const res = await app.inject({
    method: 'POST', url: `/api/communities/${slug}/posts`, headers: asker.headers,
    payload: { title, body: 'Comment faites-vous ?', kind: 'question' },
  });
  if (res.statusCode !== 201) throw new Error(`ask failed (${res.statusCode}): ${res.body}`);
  return (res.json() as { id: number }).id;
}

export async function comment(app: App, postId: number, who: Signed, body = 'Voici une piste.'): Promise<{ statusCode: number; id: number }> {
  const res = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: who.headers, payload: { body } });
  return { statusCode: res.statusCode, id: res.statusCode === 201 ? (res.json() as { id: number }).id : 0 };
}

/** A community with an asker, another member, an animator and a coordinator. */
export async function questionScene(app: App) {
  const community = await createCommunity(app);
  const [asker, member, animator, coordinator] = await Promise.all([
    memberOf(app, community.id, 'member'),
    memberOf(app, community.id, 'member'),
    memberOf(app, community.id, 'animator'),
    memberOf(app, community.id, 'coordinator'),
  ]);
  return { community, asker, member, animator, coordinator };
}
