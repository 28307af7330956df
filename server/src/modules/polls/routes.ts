import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { LIMITS_BY_ACTION, rateHit, subjectOf } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { assertCanContribute, canView } from '../posts/policy.js';
import { pollAbilities, pollStaffAbilities } from './policy.js';
import { pollState, presentFreeText, presentPoll, presentPollSummary } from './presenters.js';
import { communityPolls, findMyVote, findPoll, freeTextCount, freeTextPage, optionCounts, type PollRow } from './queries.js';
import {
  CreatePollBody, FreeTextPage, Poll, PollSummaryPage, PostIdParam, PublishResultsBody, SlugParam, VoteBody,
} from '../../../../common/api/polls.js';
import { closePoll, createPoll, publishResults, vote } from './service.js';

const tags = ['sondages'];

export default async function pollsRoutes(app: App) {
  /** A poll the user may see, or POLL_NOT_FOUND alike for missing, deleted and hidden ones. */
  async function loadPoll(postId: number, user: CurrentUser | null): Promise<PollRow> {
    const row = await findPoll(app.db, postId, user);
    if (!row || !canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('POLL_NOT_FOUND');
    return row;
  }

  async function present(postId: number, user: CurrentUser | null) {
    const row = await loadPoll(postId, user);
    const [options, myVote] = await Promise.all([optionCounts(app.db, postId), user ? findMyVote(app.db, postId, user.id) : undefined]);
    let freeText = null;
    if (row.allow_free_text && pollAbilities(user, pollState(row, false)).viewFreeText) {
      const [count, rows] = await Promise.all([freeTextCount(app.db, postId), freeTextPage(app.db, postId, undefined, LIMITS.pageSize)]);
      freeText = { count, ...keysetPage(rows, LIMITS.pageSize) };
    }
    return presentPoll(row, options, myVote, freeText, user);
  }

  app.post('/communities/:slug/polls', {
    config: { auth: 'user', rateLimit: 'post', idempotent: true },
    schema: {
      tags, summary: 'Lancer un sondage ou une mini-enquête (animation)',
      params: SlugParam, body: CreatePollBody, response: { 201: Poll, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    assertCanContribute(user, { status: ctx.community.status, role: ctx.role });
    authorize(pollStaffAbilities(user, ctx.community, ctx.role), 'launch', 'Seule l’animation de l’e-communauté peut lancer un sondage.');
    const postId = await createPoll(app.db, ctx.community.id, user.id, request.body);
    return reply.status(201).send(await present(postId, user));
  });

  app.get('/communities/:slug/polls', {
    schema: {
      tags, summary: 'Sondages d’une e-communauté, les plus récents d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: PollSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await communityPolls(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentPollSummary), nextCursor: page.nextCursor };
  });

  app.get('/polls/:postId', {
    schema: { tags, summary: 'Un sondage : réponses proposées, résultats, mon vote', params: PostIdParam, response: { 200: Poll, ...errorResponses } },
  }, async (request) => present(request.params.postId, request.user));

  app.post('/polls/:postId/vote', {
    // The reaction budget is counted in the vote's one statement.
    config: { auth: 'user', idempotent: true, sessionNeutral: true },
    schema: {
      tags, summary: 'Répondre à un sondage (une seule fois)',
      params: PostIdParam, body: VoteBody, response: { 200: Poll, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadPoll(request.params.postId, user);
    assertCanContribute(user, { status: row.community_status, role: row.my_role });
    await vote(app.db, row.post_id, user.id, request.body, rateHit(app, LIMITS_BY_ACTION.reaction, subjectOf(request)));
    return present(row.post_id, user);
  });

  app.post('/polls/:postId/close', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Clore un sondage maintenant (animation)', params: PostIdParam, response: { 200: Poll, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadPoll(request.params.postId, user);
    authorize(pollStaffAbilities(user, { status: row.community_status }, row.my_role), 'launch');
    await closePoll(app.db, row.post_id);
    return present(row.post_id, user);
  });

  app.post('/polls/:postId/publish-results', {
    config: { auth: 'user', rateLimit: 'post' },
    schema: {
      tags, summary: 'Publier les résultats d’un sondage clos (animation)',
      params: PostIdParam, body: PublishResultsBody, response: { 201: Poll, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const row = await loadPoll(request.params.postId, user);
    authorize(pollStaffAbilities(user, { status: row.community_status }, row.my_role), 'launch');
    await publishResults(app.db, row.post_id, user.id, request.body.commentary);
    return reply.status(201).send(await present(row.post_id, user));
  });

  app.get('/polls/:postId/free-text', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Réponses libres d’un sondage, anonymes (animation)',
      params: PostIdParam, querystring: CursorQuery, response: { 200: FreeTextPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadPoll(request.params.postId, user);
    authorize(pollAbilities(user, pollState(row, false)), 'viewFreeText');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await freeTextPage(app.db, row.post_id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentFreeText), nextCursor: page.nextCursor };
  });
}

