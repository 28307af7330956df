import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { AppError, ensure } from '../../lib/errors.js';
import { authorize } from '../../lib/authorize.js';
import { CursorQuery, errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { loadVisiblePost } from '../posts/context.js';
import { SlugParam } from '../../../../common/api/posts.js';
import { canHandleQuestions, questionAbilities } from './policy.js';
import { presentPending, presentQuestion } from './presenters.js';
import { communityPending, findQuestion, myPending, pendingCounts, suggestPosts } from './queries.js';
import {
  PendingPage, PeriodQuery, PostIdParam, Question, Settings, SettingsBody, SolutionBody, Stats, SuggestQuery, Suggestions,
} from '../../../../common/api/questions.js';
import { deadlineRule, markSolution, saveDeadlineRule } from './service.js';
import { communityStats, parsePeriod } from './stats.js';

const tags = ['questions'];

export default async function questionsRoutes(app: App) {
  /** The question behind a visible post, or 404 alike for a missing, deleted or non-question post. */
  async function loadQuestion(postId: number, user: Parameters<typeof loadVisiblePost>[2]) {
    const post = await loadVisiblePost(app.db, postId, user);
    const question = await findQuestion(app.db, post.id);
    if (!question) throw new AppError('QUESTION_NOT_FOUND');
    return { post, question };
  }

  app.get('/posts/:id/question', {
    schema: { tags, summary: 'État d’une question : échéance, réponse, solution', params: IdParam, response: { 200: Question, ...errorResponses } },
  }, async (request) => {
    const { post, question } = await loadQuestion(request.params.id, request.user);
    const can = questionAbilities(request.user, { askerId: question.asker_id }, { status: post.community_status, role: post.my_role });
    return presentQuestion(question, can);
  });

  app.put('/questions/:postId/solution', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Marquer un commentaire comme la solution (la personne qui a posé la question)',
      params: PostIdParam, body: SolutionBody, response: { 200: Question, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { post, question } = await loadQuestion(request.params.postId, user);
    const access = { status: post.community_status, role: post.my_role };
    const can = questionAbilities(user, { askerId: question.asker_id }, access);
    authorize(can, 'markSolution', 'Seule la personne qui a posé la question peut choisir la solution.');
    await markSolution(app.db, post.id, request.body.commentId);
    const fresh = await findQuestion(app.db, post.id);
    if (!fresh) throw new AppError('QUESTION_NOT_FOUND');
    return presentQuestion(fresh, can);
  });

  app.get('/communities/:slug/questions/pending', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Questions à traiter : questions sans réponse, la plus proche de son échéance d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: PendingPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(canHandleQuestions(ctx.can), 'FORBIDDEN');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const [rows, counts] = await Promise.all([
      communityPending(app.db, ctx.community, decodeKeyset(request.query.cursor), limit),
      pendingCounts(app.db, { communityId: ctx.community.id }),
    ]);
    const page = keysetPage(rows, limit);
    const now = new Date();
    return { items: page.items.map((r) => presentPending(r, now)), nextCursor: page.nextCursor, counts, now: now.toISOString() };
  });

  app.get('/questions/pending', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Questions à traiter dans toutes les e-communautés que j’anime ou coordonne',
      querystring: CursorQuery, response: { 200: PendingPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const [rows, counts] = await Promise.all([
      myPending(app.db, user, decodeKeyset(request.query.cursor), limit),
      pendingCounts(app.db, { user }),
    ]);
    const page = keysetPage(rows, limit);
    const now = new Date();
    return { items: page.items.map((r) => presentPending(r, now)), nextCursor: page.nextCursor, counts, now: now.toISOString() };
  });

  app.get('/communities/:slug/questions/stats', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Délai de première réponse (médiane, 90e centile) et part des réponses dans les délais, sur une période',
      params: SlugParam, querystring: PeriodQuery, response: { 200: Stats, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(canHandleQuestions(ctx.can), 'FORBIDDEN');
    const period = parsePeriod(request.query.from, request.query.to);
    return communityStats(app.db, ctx.community.id, period);
  });

  app.get('/communities/:slug/questions/settings', {
    schema: { tags, summary: 'Délai de réponse aux questions de l’e-communauté', params: SlugParam, response: { 200: Settings, ...errorResponses } },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    return { ...(await deadlineRule(app.db, ctx.community.id)), can: { edit: canHandleQuestions(ctx.can) } };
  });

  app.put('/communities/:slug/questions/settings', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Changer le délai de réponse (s’applique aux questions posées ensuite)',
      params: SlugParam, body: SettingsBody,
      response: { 200: Settings, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(canHandleQuestions(ctx.can), 'FORBIDDEN');
    await saveDeadlineRule(app.db, ctx.community.id, request.body);
    return { ...request.body, can: { edit: true } };
  });

  app.get('/communities/:slug/posts/suggest', {
    schema: {
      tags, summary: 'Publications dont le titre contient le texte saisi, de l’e-communauté (et de ses e-communautés liées avec related=true), pour citer une publication',
      params: SlugParam, querystring: SuggestQuery, response: { 200: Suggestions, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const related = request.query.related ? { user: request.user } : undefined;
    const rows = await suggestPosts(app.db, ctx.community.id, request.query.q, request.query.limit ?? 8, related);
    return {
      items: rows.map((r) => ({
        id: r.id, title: r.title, kind: r.kind, createdAt: new Date(r.created_at).toISOString(), community: { slug: r.community_slug, name: r.community_name },
      })),
    };
  });
}
