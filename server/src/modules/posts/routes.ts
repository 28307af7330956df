import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { AppError, ensure } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, IdParam, Ok, Page } from '../../lib/schemas.js';
import { requireUser, requireVerifiedUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { isCommunityStaff } from '../communities/policy.js';
import { loadCommunityContext } from '../communities/context.js';
import commentRoutes from './comment-routes.js';
import kindRoutes from './kind-routes.js';
import { loadVisiblePost, loadVisiblePostState } from './context.js';
import { newPostPage, PostPageCache } from './page-cache.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { assertCanContribute, commentAbilities, postAbilities, type CommunityAccess } from './policy.js';
import { accessOf, presentComment, presentPost, presentRevision, presentSummary } from './presenters.js';
import { communityFeed, findPost, listComments, listRevisions, myFeed } from './queries.js';
import { CreatePostBody, EditPostBody, FeedQuery, Post, PostSummary, PostWithComments, Revision, SlugParam } from './schema.js';
import { deletePost, editPost } from './service.js';
import { checkClassification, normaliseTags, publishPost, saveClassification } from './kinds.js';
import { assertOutranksAuthor } from '../moderation/rank.js';
import { moderationRank } from '../moderation/policy.js';

const tags = ['publications'];

export default async function postsRoutes(app: App) {
  const pages = new PostPageCache(app.config.postPageCacheEntries, app.config.postPageCacheSeconds * 1000);

  app.get('/communities/:slug/posts', {
    schema: {
      tags, summary: 'Publications d’une e-communauté, les plus récentes d’abord',
      params: SlugParam, querystring: FeedQuery, response: { 200: Page(PostSummary), ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const { cursor: rawCursor, limit: rawLimit, kind, rubrique, tag } = request.query;
    const cursor = decodeKeyset(rawCursor);
    const limit = rawLimit ?? LIMITS.pageSize;
    const filters = { kind, rubriqueId: rubrique, tag: tag === undefined ? undefined : normaliseTags([tag])[0] };
    const page = keysetPage(await communityFeed(app.db, ctx.community, cursor, limit, filters), limit);
    return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
  });

  app.get('/feed', {
    schema: {
      tags, summary: 'Mon fil : les publications de mes e-communautés, les plus récentes d’abord',
      querystring: CursorQuery, response: { 200: Page(PostSummary), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const cursor = decodeKeyset(request.query.cursor);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await myFeed(app.db, user, cursor, limit), limit);
    return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
  });

  app.post('/communities/:slug/posts', {
    config: { idempotent: true },
    schema: {
      tags, summary: 'Publier dans une e-communauté',
      params: SlugParam, body: CreatePostBody, response: { 201: Post, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.post, subjectOf(request));
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    assertCanContribute(user, { status: ctx.community.status, role: ctx.role });
    const id = await publishPost(app.db, user, ctx.role, ctx.community.id, request.body);
    const row = await loadVisiblePost(app.db, id, user);
    return reply.status(201).send(presentPost(row, user));
  });

  app.get('/posts/:id', {
    schema: {
      tags, summary: 'Une publication, avec la première page de ses commentaires',
      params: IdParam, response: { 200: PostWithComments, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = request.user;
    const state = await loadVisiblePostState(app.db, request.params.id, user);
    let page = pages.get(state);
    if (!page) {
      // Loaded after the state was read: if anything changes meanwhile, the version has moved
      // past the one stored here and the next reader reloads.
      const [post, comments] = await Promise.all([
        findPost(app.db, state.id, user),
        listComments(app.db, state.id, undefined, LIMITS.pageSizeMax),
      ]);
      if (!post) throw new AppError('POST_NOT_FOUND');
      page = newPostPage(state.version, post, comments);
      pages.set(state.id, page);
    }
    // Audience (steering): batched upserts, not awaited, so a read never waits on the counters.
    app.postViews.record(state.id, state.community_id);
    if (user) app.activity.record(user.id, state.community_id);
    const row = { ...page.post, community_status: state.community_status, my_role: state.my_role, useful_by_me: state.useful_by_me };
    const access = accessOf(row);
    const presentComments = () => {
      const comments = keysetPage(page.comments, LIMITS.pageSizeMax);
      return { items: comments.items.map((c) => presentComment(c, user, access)), nextCursor: comments.nextCursor };
    };
    // A reader who wrote none of these comments sees them exactly as every reader of their kind does.
    if (user && page.commentAuthors.has(user.id)) return { ...presentPost(row, user), comments: presentComments() };
    const kind = readerKind(user, access);
    let comments = page.serialized.get(kind);
    if (comments === undefined) {
      comments = Buffer.from(`,"comments":${JSON.stringify(presentComments())}}`);
      page.serialized.set(kind, comments);
    }
    // Only two fields of the post depend on the reader; the rest was serialized with the page.
    const { can, usefulByMe, ...shared } = presentPost(row, user);
    page.postFields ??= Buffer.from(JSON.stringify(shared).slice(1, -1));
    const mine = Buffer.from(`{"usefulByMe":${usefulByMe},"can":${JSON.stringify(can)},`);
    // Bytes are sent as they are (the type provider only knows objects, hence the cast).
    return reply.type('application/json; charset=utf-8').send(Buffer.concat([mine, page.postFields, comments]) as never);
  });

  app.patch('/posts/:id', {
    schema: {
      tags, summary: 'Modifier une publication (la version précédente est conservée)',
      params: IdParam, body: EditPostBody, response: { 200: Post, ...errorResponses },
    },
  }, async (request) => {
    const user = requireVerifiedUser(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const row = await loadVisiblePost(app.db, request.params.id, user);
    ensure(postAbilities(user, { authorId: row.author_id }, accessOf(row)).edit, 'FORBIDDEN');
    const { tags: rawTags, rubriqueId, ...text } = request.body;
    const classification = await checkClassification(app.db, row.community_id, { tags: rawTags, rubriqueId });
    await editPost(app.db, row.id, user.id, text);
    // Classifying is not rewriting: tags and rubrique change without a revision.
    await saveClassification(app.db, row.id, classification);
    const fresh = await findPost(app.db, row.id, user);
    if (!fresh) throw new AppError('POST_NOT_FOUND');
    return presentPost(fresh, user);
  });

  app.delete('/posts/:id', {
    schema: { tags, summary: 'Supprimer une publication', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const row = await loadVisiblePost(app.db, request.params.id, user);
    ensure(postAbilities(user, { authorId: row.author_id }, accessOf(row)).delete, 'FORBIDDEN');
    await assertOutranksAuthor(app.db, user, row.my_role, row.community_id, row.author_id, 'delete');
    await deletePost(app.db, row.id, user.id);
    return { ok: true as const };
  });

  app.get('/posts/:id/revisions', {
    schema: {
      tags, summary: 'Versions précédentes d’une publication (auteur·e et modération)',
      params: IdParam, response: { 200: Type.Object({ items: Type.Array(Revision) }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadVisiblePost(app.db, request.params.id, user);
    // Shown to those who may delete the post (its author, the moderators): an author who edited
    // something out must not see it republished to every reader.
    ensure(postAbilities(user, { authorId: row.author_id }, accessOf(row)).delete, 'FORBIDDEN');
    return { items: (await listRevisions(app.db, row.id)).map(presentRevision) };
  });

  await app.register(commentRoutes);
  await app.register(kindRoutes);
}

/**
 * What a comment looks like to a reader who did not write it depends only on this: which comments
 * they may delete (moderation: those of authors below their rank) and whether they see through a
 * moderation mask (staff).
 */
function readerKind(user: CurrentUser | null, access: CommunityAccess): string {
  const moderates = commentAbilities(user, { authorId: 0, deleted: false }, access).delete;
  const rank = moderates && user ? moderationRank(user.nationalRole, access.role) : -1;
  return `${rank}:${isCommunityStaff(user, access.role)}`;
}
