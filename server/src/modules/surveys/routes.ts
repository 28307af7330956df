import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { CursorQuery, errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { assertCanContribute, canView } from '../posts/policy.js';
import { surveyAbilities, surveyExportAbilities, surveyStaffAbilities } from './policy.js';
import { presentSurvey, presentSurveySummary, surveyState } from './presenters.js';
import {
  answerCounts, communitySurveys, decodeIdCursor, encodeIdCursor, exportPage, findSurvey, myAnswers, surveyQuestions, textPage, type SurveyRow,
} from './queries.js';
import { responsesCsv, summaryCsv } from './results.js';
import {
  AnswerBody, CreateSurveyBody, ExportQuery, PublishResultsBody, SlugParam, Survey, SurveyIdParam, SurveySummaryPage, TextAnswerPage, TextsQuery,
} from '../../../../common/api/surveys.js';
import { answerSurvey, closeSurvey, createSurvey, publishSurveyResults } from './service.js';
import { tallies } from './tally.js';

const tags = ['mini-enquêtes'];
/** Rows read per statement by the CSV export of the respondents. */
const EXPORT_BATCH = 500;

export default async function surveysRoutes(app: App) {
  /** A survey the user may see, or SURVEY_NOT_FOUND alike for a missing one and one of a community they cannot read. */
  async function loadSurvey(id: number, user: CurrentUser | null): Promise<SurveyRow> {
    const row = await findSurvey(app.db, id, user);
    if (!row || !canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('SURVEY_NOT_FOUND');
    return row;
  }

  async function present(id: number, user: CurrentUser | null) {
    const row = await loadSurvey(id, user);
    const [questions, counts, mine] = await Promise.all([
      surveyQuestions(app.db, id), answerCounts(app.db, id), user && row.answered && !row.anonymous ? myAnswers(app.db, id, user.id) : null,
    ]);
    return presentSurvey(row, tallies(questions, counts), mine, user);
  }

  app.post('/communities/:slug/surveys', {
    config: { auth: 'user', rateLimit: 'post', idempotent: true },
    schema: {
      tags, summary: 'Lancer une mini-enquête (animation)', params: SlugParam, body: CreateSurveyBody, response: { 201: Survey, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    assertCanContribute(user, { status: ctx.community.status, role: ctx.role });
    authorize(surveyStaffAbilities(user, ctx.community, ctx.role), 'launch', 'Seule l’animation de l’e-communauté peut lancer une mini-enquête.');
    const id = await createSurvey(app.db, ctx.community.id, request.body);
    return reply.status(201).send(await present(id, user));
  });

  app.get('/communities/:slug/surveys', {
    schema: {
      tags, summary: 'Mini-enquêtes d’une e-communauté, les plus récentes d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: SurveySummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await communitySurveys(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentSurveySummary), nextCursor: page.nextCursor };
  });

  app.get('/surveys/:id', {
    schema: { tags, summary: 'Une mini-enquête : questions, résultats, mes réponses', params: SurveyIdParam, response: { 200: Survey, ...errorResponses } },
  }, async (request) => present(request.params.id, request.user));

  app.post('/surveys/:id/responses', {
    config: { auth: 'user', rateLimit: 'reaction', idempotent: true },
    schema: {
      tags, summary: 'Répondre à une mini-enquête (une seule fois)', params: SurveyIdParam, body: AnswerBody, response: { 200: Survey, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadSurvey(request.params.id, user);
    assertCanContribute(user, { status: row.community_status, role: row.my_role });
    await answerSurvey(app.db, row.id, user.id, request.body.answers);
    return present(row.id, user);
  });

  app.post('/surveys/:id/close', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Clore une mini-enquête maintenant (animation)', params: SurveyIdParam, response: { 200: Survey, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadSurvey(request.params.id, user);
    authorize(surveyStaffAbilities(user, { status: row.community_status }, row.my_role), 'launch');
    await closeSurvey(app.db, row.id);
    return present(row.id, user);
  });

  app.post('/surveys/:id/publish-results', {
    config: { auth: 'user', rateLimit: 'post' },
    schema: {
      tags, summary: 'Publier les résultats d’une mini-enquête close (animation)',
      params: SurveyIdParam, body: PublishResultsBody, response: { 201: Survey, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const row = await loadSurvey(request.params.id, user);
    authorize(surveyStaffAbilities(user, { status: row.community_status }, row.my_role), 'launch');
    await publishSurveyResults(app.db, row.id, user.id, request.body.commentary);
    return reply.status(201).send(await present(row.id, user));
  });

  app.get('/surveys/:id/texts', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Réponses en texte court, les plus récentes d’abord (animation)',
      params: SurveyIdParam, querystring: TextsQuery, response: { 200: TextAnswerPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadSurvey(request.params.id, user);
    authorize(surveyAbilities(user, surveyState(row)), 'viewTexts');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await textPage(app.db, row.id, request.query.question, decodeIdCursor(request.query.cursor), limit);
    const items = rows.slice(0, limit);
    return {
      items: items.map((r) => ({ id: r.id, questionId: r.question_id, text: r.text, respondent: r.respondent })),
      nextCursor: rows.length > limit ? encodeIdCursor(items[items.length - 1]!.id) : null,
    };
  });

  app.get('/surveys/:id/export', {
    config: { auth: 'user', rateLimit: 'export' },
    schema: {
      tags, summary: 'Résultats en CSV (séparateur point-virgule, virgule décimale) : totaux, ou une ligne par répondant d’une enquête nominative',
      params: SurveyIdParam,
      querystring: ExportQuery,
      response: { 200: Type.Any(), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const row = await loadSurvey(request.params.id, user);
    authorize(surveyAbilities(user, surveyState(row)), 'export');
    const questions = await surveyQuestions(app.db, row.id);
    let body: Buffer;
    if (request.query.detail === 'reponses') {
      authorize(surveyExportAbilities(row), 'exportResponses', 'Cette mini-enquête est anonyme : seuls les totaux s’exportent.');
      const submissions = [];
      for (let after = 0; ;) {
        const batch = await exportPage(app.db, row.id, after, EXPORT_BATCH);
        submissions.push(...batch);
        if (batch.length < EXPORT_BATCH) break;
        after = batch[batch.length - 1]!.id;
      }
      body = responsesCsv(questions, submissions);
    } else {
      body = summaryCsv(tallies(questions, await answerCounts(app.db, row.id)));
    }
    const name = `mini-enquete-${row.id}-${request.query.detail ?? 'totaux'}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(body);
  });
}
