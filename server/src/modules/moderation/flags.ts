import { sql } from 'drizzle-orm';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { toIso, isoText } from '../../lib/cursor.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadVisibleComment, loadVisiblePost } from '../posts/context.js';
import { findReason } from './reasons.js';
import { CreateFlagBody, FlagOut } from './schema.js';
import { notifyFlagRaised } from '../notifications/hooks.js';

const tags = ['modération'];

interface FlagTarget {
  communityId: number;
  authorId: number;
  postId: number | null;
  commentId: number | null;
}

/**
 * Records one member's flag. The unique keys (reporter, post) and (reporter, comment) make
 * "a member flags an item once" hold under concurrency too.
 */
async function createFlag(app: App, user: CurrentUser, target: FlagTarget, reasonCode: string, comment: string) {
  if (target.authorId === user.id) throw new AppError('CANNOT_FLAG_OWN');
  const reason = await findReason(app.db, reasonCode);
  if (!reason || !reason.active) {
    throw new AppError('VALIDATION_FAILED', undefined, { reasonCode: 'Choisissez un motif de signalement dans la liste.' });
  }
  try {
    const { rows } = await app.db.execute<{ id: number; reason_code: string; created_at: string }>(sql`
      INSERT INTO flags (community_id, post_id, comment_id, reporter_id, reason_code, comment)
      VALUES (${target.communityId}, ${target.postId}, ${target.commentId}, ${user.id}, ${reasonCode}, ${comment.trim()})
      RETURNING id, reason_code, ${isoText('created_at')} AS created_at`);
    const row = rows[0]!;
    // Animators hear of it in-app (notifications module); the flag is already recorded.
    await notifyFlagRaised(app.db, row.id);
    return { id: row.id, reasonCode: row.reason_code, createdAt: toIso(row.created_at) };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_FLAGGED');
    throw err;
  }
}

/** Any signed-in person who can read a post or comment may flag it, once, with a reason. */
export default async function flagRoutes(app: App) {
  app.post('/posts/:id/flags', {
    schema: {
      tags, summary: 'Signaler une publication à l’équipe de modération',
      params: IdParam, body: CreateFlagBody, response: { 201: FlagOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.flag, subjectOf(request));
    const post = await loadVisiblePost(app.db, request.params.id, user);
    const target = { communityId: post.community_id, authorId: post.author_id, postId: post.id, commentId: null };
    return reply.status(201).send(await createFlag(app, user, target, request.body.reasonCode, request.body.comment ?? ''));
  });

  app.post('/comments/:id/flags', {
    schema: {
      tags, summary: 'Signaler un commentaire à l’équipe de modération',
      params: IdParam, body: CreateFlagBody, response: { 201: FlagOut, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.flag, subjectOf(request));
    const comment = await loadVisibleComment(app.db, request.params.id, user);
    // The comment's post decides visibility (a hidden post hides its thread) and its community.
    const post = await loadVisiblePost(app.db, comment.post_id, user);
    const target = { communityId: post.community_id, authorId: comment.author_id, postId: null, commentId: comment.id };
    return reply.status(201).send(await createFlag(app, user, target, request.body.reasonCode, request.body.comment ?? ''));
  });
}
