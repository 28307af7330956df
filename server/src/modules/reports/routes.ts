import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import type { ObjectiveKind } from '../../../../common/reports.js';
import type { Tx } from '../../db/client.js';
import { decodeKeyset } from '../../lib/cursor.js';
import { AppError, ensure } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, IdParam, Page } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext, type CommunityContext } from '../communities/context.js';
import { SlugParam } from '../posts/schema.js';
import { coordinatorDashboard } from '../steering/coordinator.js';
import { loadObjectives, saveObjectives } from '../steering/coordinator-objectives.js';
import { reportDocument } from './document.js';
import { createMeeting, findMeeting, listMeetings, meetingParticipants, meetingReports, recordMinutes, updateMeeting, type MeetingRow } from './meetings.js';
import { canReadMeetings, canReadReport, canReviewReport, canSteerCommunity, canWriteReport, reportAbilities } from './policy.js';
import { renderCsv, renderDocx, renderPdf } from './render.js';
import {
  CommentBody, CoordinatorDashboard, ExportQuery, Meeting, MeetingBody, MeetingSummary, MinutesBody, MonthQuery, ObjectivesBody,
  ObjectivesOut, Report, ReportTextBody, ReviewBody,
} from './schema.js';
import { commentReport, createReport, editReport, figuresOf, findReport, reviewReport, submitReport, type ReportRow } from './service.js';
import { parisMonthNow } from '../../../../common/time/index.js';
import { discardDraftsStartingWith } from '../drafts/queries.js';

const tags = ['pilotage'];

const summary = (m: MeetingRow) => ({
  id: m.id, scheduledAt: m.scheduled_at.toISOString(), fromMonth: m.from_month, toMonth: m.to_month, agenda: m.agenda, hasMinutes: m.minutes_at !== null && !m.minutes_draft,
});

export default async function reportsRoutes(app: App) {
  async function steerable(slug: string, user: CurrentUser): Promise<CommunityContext> {
    const ctx = await loadCommunityContext(app.db, slug, user);
    ensure(canSteerCommunity(user, ctx.role), 'FORBIDDEN', 'Réservé à la coordination de l’e-communauté et à l’équipe nationale.');
    return ctx;
  }

  async function loadMeeting(id: number, user: CurrentUser) {
    const meeting = await findMeeting(app.pool, id);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    const ctx = await loadCommunityContext(app.db, meeting.community_id, user);
    ensure(canReadMeetings(user, ctx.role), 'FORBIDDEN');
    return { meeting, ctx };
  }

  /** A meeting that only the coordination may change. */
  async function loadSteeredMeeting(id: number, user: CurrentUser) {
    const loaded = await loadMeeting(id, user);
    ensure(canSteerCommunity(user, loaded.ctx.role), 'FORBIDDEN');
    return loaded;
  }

  async function presentMeeting(id: number, user: CurrentUser) {
    const { meeting: m, ctx } = await loadMeeting(id, user);
    const steer = canSteerCommunity(user, ctx.role);
    // Draft minutes are the coordination's working notes: the team reads the minutes once finalised.
    const shown = steer || !m.minutes_draft;
    const [participants, reports] = await Promise.all([meetingParticipants(app.pool, id), meetingReports(app.pool, id, steer ? null : user.id)]);
    return {
      ...summary(m),
      community: { slug: ctx.community.slug, name: ctx.community.name },
      participants,
      minutes: shown ? m.minutes : null, decisions: shown ? m.decisions : null,
      minutesBy: !shown || m.minutes_by === null ? null : { id: m.minutes_by, name: m.minutes_by_name ?? '' },
      minutesAt: shown ? m.minutes_at?.toISOString() ?? null : null,
      minutesDraft: shown && m.minutes_at !== null && m.minutes_draft,
      createdBy: m.created_by === null ? null : { id: m.created_by, name: m.created_by_name ?? '' },
      reports,
      myReportId: reports.find((r) => r.author.id === user.id)?.id ?? null,
      can: { edit: steer, recordMinutes: steer, finalizeMinutes: steer && m.scheduled_at.getTime() <= Date.now(), writeReport: canWriteReport(ctx.role) },
    };
  }

  async function loadReport(id: number, user: CurrentUser) {
    const report = await findReport(app.pool, id);
    if (!report) throw new AppError('REPORT_NOT_FOUND');
    const meeting = (await findMeeting(app.pool, report.meeting_id))!;
    const ctx = await loadCommunityContext(app.db, report.community_id, user);
    ensure(canReadReport(user, ctx.role, report.author_id), 'FORBIDDEN');
    return { report, meeting, ctx };
  }

  /** A report that only its author, still on the animation team, may write. */
  async function loadOwnReport(id: number, user: CurrentUser) {
    const loaded = await loadReport(id, user);
    ensure(loaded.report.author_id === user.id && canWriteReport(loaded.ctx.role), 'FORBIDDEN');
    return loaded;
  }

  /** A write under the write rate limit: the hit shares the write's transaction (see `hit`). */
  function limitedWrite<T>(request: FastifyRequest, write: (tx: Tx) => Promise<T>): Promise<T> {
    return app.db.transaction(async (tx) => {
      await hit(app, LIMITS_BY_ACTION.write, subjectOf(request), tx);
      return write(tx);
    });
  }

  async function presentReport(r: ReportRow, m: MeetingRow, ctx: CommunityContext, user: CurrentUser) {
    return {
      id: r.id,
      meeting: { id: m.id, scheduledAt: m.scheduled_at.toISOString(), fromMonth: m.from_month, toMonth: m.to_month },
      community: { slug: ctx.community.slug, name: ctx.community.name },
      author: { id: r.author_id, name: r.author_name },
      status: r.submitted_at ? 'submitted' as const : 'draft' as const,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      highlights: r.highlights, difficulties: r.difficulties, proposals: r.proposals, rendezvous: r.rendezvous,
      figures: await figuresOf(app.pool, app.db, r, m),
      comment: r.comment === null ? null : {
        text: r.comment, by: r.comment_by === null ? null : { id: r.comment_by, name: r.comment_by_name ?? '' }, at: r.comment_at!.toISOString(),
      },
      review: r.review_status === null ? null : {
        status: r.review_status, notes: r.review_notes,
        by: r.review_by === null ? null : { id: r.review_by, name: r.review_by_name ?? '' }, at: r.review_at!.toISOString(),
      },
      can: reportAbilities(user, ctx.role, { authorId: r.author_id, submitted: r.submitted_at !== null }),
    };
  }

  async function reread(id: number, user: CurrentUser) {
    const { report, meeting, ctx } = await loadReport(id, user);
    return presentReport(report, meeting, ctx, user);
  }

  app.get('/communities/:slug/steering/coordinator', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Tableau de bord de coordination : objectifs, animateur·rices, délais de réponse, modération, membres, réunion du trimestre',
      params: SlugParam, querystring: MonthQuery, response: { 200: CoordinatorDashboard, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await steerable(request.params.slug, user);
    const now = parisMonthNow();
    return coordinatorDashboard(request.readPool, request.readDb, ctx.community.id, request.query.month ?? now, now);
  });

  app.put('/communities/:slug/steering/objectives', {
    schema: {
      tags, summary: 'Fixer les objectifs de l’e-communauté (qualité, croissance, régularité)',
      params: SlugParam, body: ObjectivesBody, response: { 200: ObjectivesOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await steerable(request.params.slug, user);
    await limitedWrite(request, (tx) => saveObjectives(tx, ctx.community.id, request.body as Partial<Record<ObjectiveKind, number>>, user.id));
    return { objectives: await loadObjectives(app.pool, ctx.community.id) };
  });

  app.get('/communities/:slug/meetings', {
    schema: {
      tags, summary: 'Réunions de programmation et d’analyse, les plus récentes d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: Page(MeetingSummary), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(canReadMeetings(user, ctx.role), 'FORBIDDEN');
    const page = await listMeetings(app.pool, ctx.community.id, decodeKeyset(request.query.cursor), request.query.limit ?? LIMITS.pageSize);
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  });

  app.post('/communities/:slug/meetings', {
    schema: {
      tags, summary: 'Programmer une réunion de programmation et d’analyse (coordination)',
      params: SlugParam, body: MeetingBody, response: { 201: Meeting, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await steerable(request.params.slug, user);
    const id = await limitedWrite(request, (tx) => createMeeting(tx, ctx.community.id, user.id, request.body));
    return reply.status(201).send(await presentMeeting(id, user));
  });

  app.get('/meetings/:id', {
    schema: { tags, summary: 'Une réunion : ordre du jour, participant·es, rapports, compte rendu', params: IdParam, response: { 200: Meeting, ...errorResponses } },
  }, async (request) => presentMeeting(request.params.id, requireUser(request)));

  app.put('/meetings/:id', {
    schema: { tags, summary: 'Modifier une réunion (coordination)', params: IdParam, body: MeetingBody, response: { 200: Meeting, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { meeting } = await loadSteeredMeeting(request.params.id, user);
    await limitedWrite(request, (tx) => updateMeeting(tx, meeting, request.body));
    return presentMeeting(meeting.id, user);
  });

  app.put('/meetings/:id/minutes', {
    schema: {
      tags, summary: 'Préparer le compte rendu et les décisions en brouillon, ou les finaliser une fois la réunion commencée (coordination)',
      params: IdParam, body: MinutesBody, response: { 200: Meeting, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { meeting } = await loadSteeredMeeting(request.params.id, user);
    await limitedWrite(request, (tx) => recordMinutes(tx, meeting, user.id, request.body));
    return presentMeeting(meeting.id, user);
  });

  app.post('/meetings/:id/reports', {
    schema: {
      tags, summary: 'Commencer mon rapport d’activité pour cette réunion (chiffres remplis depuis les données)',
      params: IdParam, response: { 201: Report, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { meeting, ctx } = await loadMeeting(request.params.id, user);
    ensure(canWriteReport(ctx.role), 'FORBIDDEN', 'Seule l’équipe d’animation de l’e-communauté rédige un rapport d’activité.');
    const id = await limitedWrite(request, (tx) => createReport(tx, meeting, user.id));
    return reply.status(201).send(await reread(id, user));
  });

  app.get('/reports/:id', {
    schema: { tags, summary: 'Un rapport d’activité et ses chiffres', params: IdParam, response: { 200: Report, ...errorResponses } },
  }, async (request) => reread(request.params.id, requireUser(request)));

  app.patch('/reports/:id', {
    schema: {
      tags, summary: 'Rédiger les parties écrites de mon rapport (tant qu’il n’est pas transmis)',
      params: IdParam, body: ReportTextBody, response: { 200: Report, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { report } = await loadOwnReport(request.params.id, user);
    await limitedWrite(request, async (tx) => {
      await editReport(tx, report.id, request.body);
      // Saved for good: the sections' autosaved drafts (drafts module) are done.
      await discardDraftsStartingWith(tx, user.id, `report:${report.id}:`);
    });
    return reread(report.id, user);
  });

  app.post('/reports/:id/submit', {
    schema: { tags, summary: 'Transmettre mon rapport à la coordination (une seule fois)', params: IdParam, response: { 200: Report, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { report, meeting } = await loadOwnReport(request.params.id, user);
    if (report.submitted_at) throw new AppError('REPORT_ALREADY_SUBMITTED');
    // Computed before the transaction (reads only); the UPDATE refuses a report submitted meanwhile.
    const figures = await figuresOf(app.pool, app.db, report, meeting);
    await limitedWrite(request, (tx) => submitReport(tx, report.id, figures));
    return reread(report.id, user);
  });

  app.put('/reports/:id/comment', {
    schema: { tags, summary: 'Commenter un rapport transmis (coordination)', params: IdParam, body: CommentBody, response: { 200: Report, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { report, ctx } = await loadReport(request.params.id, user);
    ensure(canSteerCommunity(user, ctx.role), 'FORBIDDEN');
    await limitedWrite(request, (tx) => commentReport(tx, report, user.id, request.body.comment));
    return reread(report.id, user);
  });

  app.put('/reports/:id/review', {
    schema: {
      tags, summary: 'Relire un brouillon de rapport avant la réunion : une note par partie, « à revoir » ou « prêt » (coordination)',
      params: IdParam, body: ReviewBody, response: { 200: Report, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { report, ctx } = await loadReport(request.params.id, user);
    if (report.submitted_at && canSteerCommunity(user, ctx.role)) throw new AppError('REPORT_REVIEW_CLOSED');
    ensure(canReviewReport(user, ctx.role, { authorId: report.author_id, submitted: report.submitted_at !== null }), 'FORBIDDEN');
    await limitedWrite(request, (tx) => reviewReport(tx, report.id, user.id, request.body));
    return reread(report.id, user);
  });

  app.get('/reports/:id/export', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Exporter un rapport d’activité en PDF ou DOCX, ou ses chiffres en CSV',
      params: IdParam, querystring: ExportQuery, response: { 200: Type.Any(), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.export, subjectOf(request));
    const { report: r, meeting, ctx } = await loadReport(request.params.id, user);
    const doc = reportDocument({
      community: ctx.community.name,
      author: r.author_name,
      meetingAt: meeting.scheduled_at,
      submittedAt: r.submitted_at,
      figures: await figuresOf(request.readPool, request.readDb, r, meeting),
      text: { highlights: r.highlights, difficulties: r.difficulties, proposals: r.proposals, rendezvous: r.rendezvous },
      comment: r.comment === null ? null : { text: r.comment, by: r.comment_by_name, at: r.comment_at! },
    });
    const format = request.query.format;
    const name = `rapport-activite-${ctx.community.slug}-${meeting.from_month}-${meeting.to_month}-${r.id}`;
    const [body, type] = format === 'pdf' ? [await renderPdf(doc), 'application/pdf']
      : format === 'docx' ? [await renderDocx(doc), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']
        : [renderCsv(doc), 'text/csv; charset=utf-8'];
    return reply
      .header('content-disposition', `attachment; filename="${name}${format === 'csv' ? '-chiffres' : ''}.${format}"`)
      .header('cache-control', 'private, no-store')
      .type(type)
      .send(body);
  });
}
