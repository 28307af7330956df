import { LIMITS } from '../../../../common/limits.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { LIMITS_BY_ACTION, rateHit, subjectOf } from '../../lib/rate-limit.js';
import { hitGroupMentions } from './mentions.js';
import { CursorQuery, errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../types.js';
import { loadVisibleComment, loadVisiblePostState } from './context.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { assertCanContribute, commentAbilities, postAbilities, type CommunityAccess } from './policy.js';
import { presentComment } from './presenters.js';
import { findComment, listComments, type CommentContextRow, type CommentRow } from './queries.js';
import { Comment, CommentPage, CreateCommentBody, EditCommentBody, UsefulState } from '../../../../common/api/posts.js';
import { createComment, deleteComment, editComment, setUseful } from './service.js';
import { assertOutranksAuthor } from '../sanctions/rank.js';
import { readerKind, type PostPageCache } from './page-cache.js';

const tags = ['publications'];

function commentAccess(row: CommentContextRow): CommunityAccess {
  return { status: row.community_status, role: row.my_role };
}

/** Comments (threaded by reply-to) and the "utile" reaction. */
export default async function commentRoutes(app: App, { pages }: { pages: PostPageCache }) {
  const reactionHit = (request: FastifyRequest) => rateHit(app, LIMITS_BY_ACTION.reaction, subjectOf(request));
  app.get('/posts/:id/comments', {
    schema: {
      tags, summary: 'Commentaires d’une publication, les plus anciens d’abord',
      params: IdParam, querystring: CursorQuery, response: { 200: CommentPage, ...errorResponses },
    },
  }, async (request, reply) => {
    const state = await loadVisiblePostState(app.db, request.params.id, request.user);
    const cursor = decodeKeyset(request.query.cursor);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const access: CommunityAccess = { status: state.community_status, role: state.my_role };
    const present = (rows: CommentRow[]) => {
      const page = keysetPage(rows, limit);
      return { items: page.items.map((row) => presentComment(row, request.user, access)), nextCursor: page.nextCursor };
    };
    if (cursor || limit > LIMITS.pageSizeMax) return present(await listComments(app.db, state.id, cursor, limit));
    // The first page is the post page's first comments (page cache, checked against the post's version), and is
    // served as bytes serialized once per kind of reader, unless the reader wrote one of them (their abilities differ).
    const cached = await pages.load(app.db, state, request.user);
    const rows = cached.comments.slice(0, limit + 1);
    if (request.user && cached.commentAuthors.has(request.user.id)) return present(rows);
    const bytes = pages.serialized(state.id, cached, `list:${limit}:${readerKind(request.user, access)}`, () => JSON.stringify(present(rows)));
    // Bytes are sent as they are (the type provider only knows objects, hence the cast).
    return reply.type('application/json; charset=utf-8').send(bytes as never);
  });

  app.post('/posts/:id/comments', {
    config: { auth: 'user', idempotent: true, sessionNeutral: true },
    schema: {
      tags, summary: 'Commenter une publication (éventuellement en réponse à un commentaire)',
      params: IdParam, body: CreateCommentBody, response: { 201: Comment, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    // The state row is enough to decide, and cheaper to plan and run than the whole post.
    const post = await loadVisiblePostState(app.db, request.params.id, user);
    const access: CommunityAccess = { status: post.community_status, role: post.my_role };
    assertCanContribute(user, access);
    const { body, replyToId = null } = request.body;
    await hitGroupMentions(app, request, body);
    const draftPlace = `comment:${post.id}`;
    const written = await createComment(app.db, post, user.id, { body, replyToId, draftPlace }, rateHit(app, LIMITS_BY_ACTION.comment, subjectOf(request)));
    // Presented from what was written, without reading it back.
    const row: CommentRow = {
      id: written.id, post_id: post.id, reply_to_id: replyToId, body_md: body, body_html: written.html,
      created_at: written.createdAt, edited_at: null, deleted: false, hidden_at: null, hidden_reason: null, moderated_at: null,
      author_id: user.id, author_first_name: user.firstName, author_last_name: user.lastName,
      author_national_role: user.nationalRole, author_role: post.my_role,
    };
    return reply.status(201).send(presentComment(row, user, access));
  });

  app.patch('/comments/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Modifier un commentaire', params: IdParam, body: EditCommentBody, response: { 200: Comment, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadVisibleComment(app.db, request.params.id, user);
    authorize(commentAbilities(user, { authorId: row.author_id, deleted: row.deleted }, commentAccess(row)), 'edit');
    await editComment(app.db, row.id, request.body.body);
    const fresh = await findComment(app.db, row.id, user);
    if (!fresh) throw new AppError('COMMENT_NOT_FOUND');
    return presentComment(fresh, user, commentAccess(fresh));
  });

  app.delete('/comments/:id', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Supprimer un commentaire', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadVisibleComment(app.db, request.params.id, user);
    authorize(commentAbilities(user, { authorId: row.author_id, deleted: row.deleted }, commentAccess(row)), 'delete');
    await assertOutranksAuthor(app.db, user, row.my_role, row.community_id, row.author_id, 'delete');
    await deleteComment(app.db, row.id, user.id);
    return { ok: true as const };
  });

  app.put('/posts/:id/useful', {
    // The reaction budget is counted in setUseful's one statement.
    config: { auth: 'user', sessionNeutral: true },
    schema: {
      tags, summary: 'Marquer une publication comme utile', params: IdParam, response: { 200: UsefulState, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const post = await loadVisiblePostState(app.db, request.params.id, user);
    const access: CommunityAccess = { status: post.community_status, role: post.my_role };
    assertCanContribute(user, access);
    authorize(postAbilities(user, { authorId: post.author_id }, access), 'markUseful');
    return { usefulCount: await setUseful(app.db, post.id, user.id, true, reactionHit(request)), usefulByMe: true };
  });

  app.delete('/posts/:id/useful', {
    config: { auth: 'user', sessionNeutral: true },
    schema: {
      tags, summary: 'Retirer la mention « utile »', params: IdParam, response: { 200: UsefulState, ...errorResponses },
    },
  }, async (request) => {
    // Taking one's mark back stays possible after leaving the community.
    const user = requireUser(request);
    const post = await loadVisiblePostState(app.db, request.params.id, user);
    return { usefulCount: await setUseful(app.db, post.id, user.id, false, reactionHit(request)), usefulByMe: false };
  });
}
