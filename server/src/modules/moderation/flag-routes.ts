import { ensure } from '../../lib/errors.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadVisibleComment, loadVisiblePost } from '../posts/context.js';
import { flagAbilities } from './policy.js';
import { CreateFlagBody, FlagOut } from '../../../../common/api/moderation.js';
import { createFlag } from './service.js';

const tags = ['modération'];

/** Any signed-in person who can read a post or comment may flag it, once, with a reason. */
export default async function flagRoutes(app: App) {
  app.post('/posts/:id/flags', {
    config: { auth: 'user', rateLimit: 'flag' },
    schema: {
      tags, summary: 'Signaler une publication à l’équipe de modération',
      params: IdParam, body: CreateFlagBody, response: { 201: FlagOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const post = await loadVisiblePost(app.db, request.params.id, user);
    ensure(flagAbilities(user, { authorId: post.author_id }).flag, 'CANNOT_FLAG_OWN');
    const target = { communityId: post.community_id, authorId: post.author_id, postId: post.id, commentId: null };
    return reply.status(201).send(await createFlag(app.db, user.id, target, request.body.reasonCode, request.body.comment ?? ''));
  });

  app.post('/comments/:id/flags', {
    config: { auth: 'user', rateLimit: 'flag' },
    schema: {
      tags, summary: 'Signaler un commentaire à l’équipe de modération',
      params: IdParam, body: CreateFlagBody, response: { 201: FlagOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const comment = await loadVisibleComment(app.db, request.params.id, user);
    // The comment's post decides visibility (a hidden post hides its thread) and its community.
    const post = await loadVisiblePost(app.db, comment.post_id, user);
    ensure(flagAbilities(user, { authorId: comment.author_id }).flag, 'CANNOT_FLAG_OWN');
    const target = { communityId: post.community_id, authorId: comment.author_id, postId: null, commentId: comment.id };
    return reply.status(201).send(await createFlag(app.db, user.id, target, request.body.reasonCode, request.body.comment ?? ''));
  });
}
