import { expect } from 'vitest';
import type { App } from '../../types.js';
import type { AuthHeaders } from '../../../test/factories.js';
import { unique } from '../../../test/helpers.js';

/** A post by `headers` in the community, with a comment and an "utile" mark by `other`. Test-only helper. */
export async function postWithActivity(app: App, slug: string, headers: AuthHeaders, other: AuthHeaders) {
  const title = `Retour d’expérience ${unique()}`;
  const post = await app.inject({
    method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title, body: 'Notre **démarche** de quartier.' },
  });
  expect(post.statusCode).toBe(201);
  const postId = post.json().id as number;
  const edit = await app.inject({ method: 'PATCH', url: `/api/posts/${postId}`, headers, payload: { body: 'Notre démarche de quartier, corrigée.' } });
  expect(edit.statusCode).toBe(200);
  const comment = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: other, payload: { body: `Merci ${unique()}` } });
  expect(comment.statusCode).toBe(201);
  expect((await app.inject({ method: 'PUT', url: `/api/posts/${postId}/useful`, headers: other })).statusCode).toBe(200);
  return { postId, title, otherCommentId: comment.json().id as number };
}
