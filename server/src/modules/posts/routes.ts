import { LIMITS } from '../../../../common/limits.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { LIMITS_BY_ACTION, rateHit, subjectOf } from '../../lib/rate-limit.js';
import { hitGroupMentions } from './mentions.js';
import { CursorQuery, errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import commentRoutes from './comment-routes.js';
import kindRoutes from './kind-routes.js';
import { loadVisiblePost, loadVisiblePostState } from './context.js';
import { PostPageCache, readerKind } from './page-cache.js';
import { decodeKeyset, keysetPage, toIso, type PgKeyset } from '../../lib/cursor.js';
import { assertCanContribute, postAbilities } from './policy.js';
import { accessOf, presentComment, presentPost, presentRevision, presentSummary } from './presenters.js';
import { communityFeed, findPost, listRevisions, myFeed, myFeedRequest, feedLiveParts, type FeedFilters } from './queries.js';
import { FeedPageCache } from './feed-cache.js';
import { readFeedRequest } from './feed-statement.js';
import { itemsJson, mergeNewest } from './feed-overlay.js';
import { MyCommunitiesMemo, sameIds } from './my-communities.js';
import { CommunityFeedPage, CreatePostBody, EditPostBody, FeedQuery, Post, PostSummaryPage, PostWithComments, RevisionList, SlugParam } from '../../../../common/api/posts.js';
import { deletePost, editPost } from './service.js';
import { checkClassification, normaliseTags, publishPost, saveClassification } from './kinds.js';
import { assertOutranksAuthor } from '../sanctions/rank.js';

const tags = ['publications'];

export default async function postsRoutes(app: App) {
  const maxAgeMs = app.config.postPageCacheSeconds * 1000;
  const pages = new PostPageCache(app.pageCache, maxAgeMs);
  const feeds = new FeedPageCache(app.pageCache, maxAgeMs);
  const myCommunities = new MyCommunitiesMemo(app.pageCache, maxAgeMs);

  app.get('/communities/:slug/posts', {
    // A signed-in reader's page carries their visit, written by this very request: the primary for them.
    config: { readReplica: 'anonymous' },
    schema: {
      tags, summary: 'Publications d’une e-communauté, les plus récentes d’abord',
      params: SlugParam, querystring: FeedQuery, response: { 200: CommunityFeedPage, ...errorResponses },
    },
  }, async (request, reply) => {
    const { slug } = request.params;
    const { cursor: rawCursor, limit: rawLimit, kind, rubrique, tag } = request.query;
    const cursor = decodeKeyset(rawCursor);
    const limit = rawLimit ?? LIMITS.pageSize;
    const filters = { kind, rubriqueId: rubrique, tag: tag === undefined ? undefined : normaliseTags([tag])[0] };
    const me = request.user?.id ?? null;
    // One statement reads the community, the live parts of the page this instance holds and the reader's visit
    // (recorded on a first page, read on the next ones); a signed-in reader's goes to the primary (it writes).
    const key = feedKey(slug, limit, cursor, filters);
    const held = feeds.held(key);
    const heldIds = held ? keysetPage(held.rows, limit).items.map((r) => r.id) : [];
    const mode = me === null ? 'none' : cursor ? 'read' : 'record';
    const read = await readFeedRequest(me === null ? request.readDb : app.db, slug, request.user, heldIds, mode);
    const { community } = read.context;
    const page = await feeds.get(key, community.feedVersion, () => communityFeed(request.readDb, community, cursor, limit, filters));
    const { items, nextCursor } = keysetPage(page.rows, limit);
    // The held page was out of date: a second statement for the live parts of the fresh one.
    const live = page === held ? read.live : await feedLiveParts(request.readDb, items.map((r) => r.id), me);
    const visit = read.visit;
    const reader = me === null ? null : { id: me, previousVisit: () => visit?.previous_visit_at ?? null };
    const visitJson = visit && mode === 'record'
      ? `,"visit":${JSON.stringify({ previousVisitAt: toIso(visit.previous_visit_at), newPosts: visit.new_posts })}` : '';
    const json = itemsJson(items.map((_, index) => ({ page, index })), live, reader);
    // Written as text around the cached items (the type provider only knows objects, hence the cast).
    return reply.type('application/json; charset=utf-8')
      .send(`{"items":${json},"nextCursor":${JSON.stringify(nextCursor)}${visitJson}}` as never);
  });

  app.get('/feed', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Mon fil : les publications de mes e-communautés, les plus récentes d’abord',
      querystring: CursorQuery, response: { 200: PostSummaryPage, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const cursor = decodeKeyset(request.query.cursor);
    const limit = request.query.limit ?? LIMITS.pageSize;
    if (cursor) {
      const page = keysetPage(await myFeed(app.db, user, cursor, limit), limit);
      return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
    }
    // The first page, the one everybody opens: merged from my communities' cached first pages. One statement
    // reads my communities and the live parts of the page merged from the pages held for the communities I had
    // last time; a second one only when that page turns out different (a post, a membership changed).
    const key = (slug: string) => feedKey(slug, limit, undefined, {});
    const expected = myCommunities.expectedPage(user.id, (slug) => feeds.held(key(slug)), limit);
    const { mine, live: expectedLive } = await myFeedRequest(app.db, user, expected);
    myCommunities.remember(user.id, mine.map((c) => c.slug));
    const pages = await Promise.all(mine.map((c) =>
      feeds.get(key(c.slug), c.feed_version, () => communityFeed(app.db, c, undefined, limit))));
    const newest = mergeNewest(pages, limit);
    const { items, nextCursor } = keysetPage(newest.map(({ page, index }) => page.rows[index]!), limit);
    const ids = items.map((r) => r.id);
    const visits = new Map(mine.map((c) => [c.id, c.previous_visit_at]));
    const live = sameIds(ids, expected) ? expectedLive : await feedLiveParts(app.db, ids, user.id);
    const json = itemsJson(newest.slice(0, limit), live, { id: user.id, previousVisit: (id) => visits.get(id) ?? null });
    return reply.type('application/json; charset=utf-8').send(`{"items":${json},"nextCursor":${JSON.stringify(nextCursor)}}` as never);
  });

  app.post('/communities/:slug/posts', {
    // The post budget is counted in publishPost's transaction.
    config: { auth: 'user', idempotent: true, sessionNeutral: true },
    schema: {
      tags, summary: 'Publier dans une e-communauté',
      params: SlugParam, body: CreatePostBody, response: { 201: Post, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    assertCanContribute(user, { status: ctx.community.status, role: ctx.role });
    await hitGroupMentions(app, request, request.body.body);
    const draftPlace = `post:${ctx.community.id}`;
    const id = await publishPost(app.db, user, ctx.role, ctx.community.id, { ...request.body, draftPlace }, rateHit(app, LIMITS_BY_ACTION.post, subjectOf(request)));
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
    // One statement: the post's state and, for a signed-in reader, where they stopped last time, now updated.
    const state = await loadVisiblePostState(app.db, request.params.id, user, true);
    const page = await pages.load(app.db, state, user);
    const reading = state.reading;
    const readFields = reading
      ? { bookmarked: reading.bookmarked, readState: { seen: reading.seen, lastCommentId: reading.lastCommentId, newestCommentId: reading.newestCommentId } }
      : {};
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
    if (user && page.commentAuthors.has(user.id)) return { ...presentPost(row, user), ...readFields, comments: presentComments() };
    const comments = pages.serialized(state.id, page, readerKind(user, access), () => `,"comments":${JSON.stringify(presentComments())}}`);
    // Only two fields of the post depend on the reader; the rest was serialized with the page.
    const { can, usefulByMe, ...shared } = presentPost(row, user);
    if (!page.postFields) {
      page.postFields = Buffer.from(JSON.stringify(shared).slice(1, -1));
      pages.grew(state.id, page.postFields.length);
    }
    const mine = Buffer.from(`{"usefulByMe":${usefulByMe},"can":${JSON.stringify(can)},${JSON.stringify(readFields).slice(1, -1)}${reading ? ',' : ''}`);
    // Bytes are sent as they are (the type provider only knows objects, hence the cast).
    return reply.type('application/json; charset=utf-8').send(Buffer.concat([mine, page.postFields, comments]) as never);
  });

  app.patch('/posts/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Modifier une publication (la version précédente est conservée)',
      params: IdParam, body: EditPostBody, response: { 200: Post, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadVisiblePost(app.db, request.params.id, user);
    authorize(postAbilities(user, { authorId: row.author_id }, accessOf(row)), 'edit');
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
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Supprimer une publication', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadVisiblePost(app.db, request.params.id, user);
    authorize(postAbilities(user, { authorId: row.author_id }, accessOf(row)), 'delete');
    await assertOutranksAuthor(app.db, user, row.my_role, row.community_id, row.author_id, 'delete');
    await deletePost(app.db, row.id, user.id);
    return { ok: true as const };
  });

  app.get('/posts/:id/revisions', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Versions précédentes d’une publication (auteur·e et modération)',
      params: IdParam, response: { 200: RevisionList, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadVisiblePost(app.db, request.params.id, user);
    // Shown to those who may delete the post (its author, the moderators): an author who edited
    // something out must not see it republished to every reader.
    authorize(postAbilities(user, { authorId: row.author_id }, accessOf(row)), 'delete');
    return { items: (await listRevisions(app.db, row.id)).map(presentRevision) };
  });

  await app.register(commentRoutes, { pages });
  await app.register(kindRoutes);
}

/** One feed page in the page cache: the community, the page size, where it starts, its filters. */
function feedKey(communitySlug: string, limit: number, cursor: PgKeyset | undefined, f: FeedFilters): string {
  return `${communitySlug}:${limit}:${cursor ? `${cursor.at}|${cursor.id}` : ''}:${f.kind ?? ''}:${f.rubriqueId ?? ''}:${f.tag ?? ''}`;
}
