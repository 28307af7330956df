import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { authorize } from '../../lib/authorize.js';
import { decodeKeyset } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import { writeContext } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext, type CommunityContext } from '../communities/context.js';
import { SlugParam } from '../../../../common/api/posts.js';
import { exportReport } from './export.js';
import { figuresOf } from './figures.js';
import { meetingAbilities, meetingsAbilities, reportAccess } from './policy.js';
import { presentMeeting, presentMeetingSummary, presentReport } from './presenters.js';
import { findMeeting, findReport, listMeetings, meetingParticipants, meetingReports } from './queries.js';
import {
  CommentBody, ExportQuery, Meeting, MeetingBody, MeetingSummaryPage, MinutesBody, Report, ReportTextBody, ReviewBody,
} from '../../../../common/api/reports.js';
import { changeMeeting, commentReport, editReport, reviewReport, scheduleMeeting, startReport, submitReport, writeMinutes } from './service.js';

const tags = ['pilotage'];
const STEERING_ONLY = 'Réservé à la coordination de l’e-communauté et à l’équipe nationale.';

export default async function reportsRoutes(app: App) {
  /** A meeting its community's staff may read, or 404 / 403. */
  async function loadMeeting(id: number, user: CurrentUser) {
    const meeting = await findMeeting(app.db, id);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    const ctx = await loadCommunityContext(app.db, meeting.community_id, user);
    const can = meetingsAbilities(user, ctx.role);
    authorize(can, 'read');
    return { meeting, ctx, can };
  }

  /** The meeting as it now stands, read again after a write. */
  async function presentedMeeting(id: number, user: CurrentUser) {
    const { meeting, ctx, can } = await loadMeeting(id, user);
    const [participants, reports] = await Promise.all([
      meetingParticipants(app.db, id), meetingReports(app.db, id, can.steer ? null : user.id),
    ]);
    const abilities = meetingAbilities(user, ctx.role, { scheduledAt: meeting.scheduled_at });
    return presentMeeting({ meeting, ctx, participants, reports, can: abilities, viewerId: user.id });
  }

  /** A report its author or the coordination may read, or 404 / 403. */
  async function loadReport(id: number, user: CurrentUser) {
    const report = await findReport(app.db, id);
    if (!report) throw new AppError('REPORT_NOT_FOUND');
    const meeting = (await findMeeting(app.db, report.meeting_id))!;
    const ctx = await loadCommunityContext(app.db, report.community_id, user);
    const can = reportAccess(user, ctx.role, { authorId: report.author_id, submitted: report.submitted_at !== null });
    authorize(can, 'read');
    return { report, meeting, ctx, can };
  }

  async function presentedReport(id: number, user: CurrentUser) {
    const { report, meeting, ctx, can } = await loadReport(id, user);
    return presentReport(report, meeting, ctx, await figuresOf(app.db, report, meeting), can);
  }

  async function steeredCommunity(slug: string, user: CurrentUser): Promise<CommunityContext> {
    const ctx = await loadCommunityContext(app.db, slug, user);
    authorize(meetingsAbilities(user, ctx.role), 'steer', STEERING_ONLY);
    return ctx;
  }

  app.get('/communities/:slug/meetings', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Réunions de programmation et d’analyse, les plus récentes d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: MeetingSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(meetingsAbilities(user, ctx.role), 'read');
    const page = await listMeetings(app.db, ctx.community.id, decodeKeyset(request.query.cursor), request.query.limit ?? LIMITS.pageSize);
    return { items: page.items.map(presentMeetingSummary), nextCursor: page.nextCursor };
  });

  app.post('/communities/:slug/meetings', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Programmer une réunion de programmation et d’analyse (coordination)',
      params: SlugParam, body: MeetingBody, response: { 201: Meeting, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await steeredCommunity(request.params.slug, user);
    const id = await scheduleMeeting(writeContext(app, request), ctx.community.id, user.id, request.body);
    return reply.status(201).send(await presentedMeeting(id, user));
  });

  app.get('/meetings/:id', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Une réunion : ordre du jour, participant·es, rapports, compte rendu', params: IdParam, response: { 200: Meeting, ...errorResponses } },
  }, async (request) => presentedMeeting(request.params.id, requireUser(request)));

  app.put('/meetings/:id', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Modifier une réunion (coordination)', params: IdParam, body: MeetingBody, response: { 200: Meeting, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { meeting, can } = await loadMeeting(request.params.id, user);
    authorize(can, 'steer');
    await changeMeeting(writeContext(app, request), meeting, request.body);
    return presentedMeeting(meeting.id, user);
  });

  app.put('/meetings/:id/minutes', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Préparer le compte rendu et les décisions en brouillon, ou les finaliser une fois la réunion commencée (coordination)',
      params: IdParam, body: MinutesBody, response: { 200: Meeting, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { meeting, can } = await loadMeeting(request.params.id, user);
    authorize(can, 'steer');
    await writeMinutes(writeContext(app, request), meeting, user.id, request.body);
    return presentedMeeting(meeting.id, user);
  });

  app.post('/meetings/:id/reports', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Commencer mon rapport d’activité pour cette réunion (chiffres remplis depuis les données)',
      params: IdParam, response: { 201: Report, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { meeting, can } = await loadMeeting(request.params.id, user);
    authorize(can, 'writeReport', 'Seule l’équipe d’animation de l’e-communauté rédige un rapport d’activité.');
    const id = await startReport(writeContext(app, request), meeting, user.id);
    return reply.status(201).send(await presentedReport(id, user));
  });

  app.get('/reports/:id', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Un rapport d’activité et ses chiffres', params: IdParam, response: { 200: Report, ...errorResponses } },
  }, async (request) => presentedReport(request.params.id, requireUser(request)));

  app.patch('/reports/:id', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Rédiger les parties écrites de mon rapport (tant qu’il n’est pas transmis)',
      params: IdParam, body: ReportTextBody, response: { 200: Report, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { report, can } = await loadReport(request.params.id, user);
    authorize(can, 'write');
    await editReport(writeContext(app, request), report, request.body);
    return presentedReport(report.id, user);
  });

  app.post('/reports/:id/submit', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Transmettre mon rapport à la coordination (une seule fois)', params: IdParam, response: { 200: Report, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { report, meeting, can } = await loadReport(request.params.id, user);
    authorize(can, 'write');
    await submitReport(writeContext(app, request), report, meeting);
    return presentedReport(report.id, user);
  });

  app.put('/reports/:id/comment', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Commenter un rapport transmis (coordination)', params: IdParam, body: CommentBody, response: { 200: Report, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { report, can } = await loadReport(request.params.id, user);
    authorize(can, 'steer');
    await commentReport(writeContext(app, request), report, user.id, request.body.comment);
    return presentedReport(report.id, user);
  });

  app.put('/reports/:id/review', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Relire un brouillon de rapport avant la réunion : une note par partie, « à revoir » ou « prêt » (coordination)',
      params: IdParam, body: ReviewBody, response: { 200: Report, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { report, can } = await loadReport(request.params.id, user);
    // The coordination is told the review is over (a comment now), not that it may not review.
    if (report.submitted_at && can.steer) throw new AppError('REPORT_REVIEW_CLOSED');
    authorize(can, 'review');
    await reviewReport(writeContext(app, request), report.id, user.id, request.body);
    return presentedReport(report.id, user);
  });

  app.get('/reports/:id/export', {
    config: { readReplica: true, auth: 'user', rateLimit: 'export' },
    schema: {
      tags, summary: 'Exporter un rapport d’activité en PDF ou DOCX, ou ses chiffres en CSV',
      params: IdParam, querystring: ExportQuery, response: { 200: Type.Any(), ...errorResponses },
    },
  }, async (request, reply) => {
    const { report, meeting, ctx } = await loadReport(request.params.id, requireUser(request));
    const figures = await figuresOf(request.readDb, report, meeting);
    const file = await exportReport(report, meeting, ctx, figures, request.query.format);
    return reply
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .type(file.type)
      .send(file.body);
  });
}
