import { Type } from 'typebox';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { assignmentAbilities, communityHoursAbilities, contractsAbilities, statementAbilities } from './policy.js';
import { statementCsv, statementPdf } from './render.js';
import {
  Assignment, AssignmentBody, AssignmentPage, Ceiling, CeilingBody, CeilingParams, DeclareBody, ExportParams, ListQuery, ScaleBody,
  ScaleList, ScaleParams, Statement, StatementPage,
} from '../../../../common/api/contracts.js';
import * as service from './service.js';

const tags = ['contrats et heures'];

export default async function contractsRoutes(app: App) {
  /** The community whose list is asked for, after checking the caller may read it; null: the caller's own. */
  async function scopeOf(user: CurrentUser, slug: string | undefined): Promise<{ communityId?: number; userId?: number }> {
    if (!slug) return { userId: user.id };
    const ctx = await loadCommunityContext(app.db, slug, user);
    authorize(communityHoursAbilities(user, ctx.role), 'read');
    return { communityId: ctx.community.id };
  }

  /** A statement as the caller sees it: 404 when missing, 403 when not theirs to read. */
  async function statementView(user: CurrentUser, id: number) {
    const s = await service.findStatement(app.db, user.id, id);
    const can = statementAbilities(user, s, s.myRole);
    authorize(can, 'read');
    return service.presentStatement(app.db, s, can.validate);
  }

  app.get('/contracts/scales', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Grilles de rémunération', response: { 200: ScaleList, ...errorResponses } },
  }, async () => service.listScales(app.db));

  app.put('/contracts/scales/:code', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Créer ou modifier une grille (administration nationale)', params: ScaleParams, body: ScaleBody, response: { 200: ScaleList, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    authorize(contractsAbilities(user), 'manage');
    await service.saveScale(app.db, request.params.code, request.body.label, request.body.hourlyRateCents);
    return service.listScales(app.db);
  });

  app.post('/contracts/assignments', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Confier une mission d’animation (administration nationale)', body: AssignmentBody, response: { 201: Assignment, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    authorize(contractsAbilities(user), 'manage');
    const { communitySlug, ...rest } = request.body;
    const ctx = await loadCommunityContext(app.db, communitySlug, user);
    const id = await service.createAssignment(app.db, { ...rest, communityId: ctx.community.id }, user.id);
    return reply.status(201).send(await service.loadAssignment(app.db, id));
  });

  app.get('/contracts/assignments', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Missions d’animation (les siennes, ou celles d’une e-communauté)', querystring: ListQuery, response: { 200: AssignmentPage, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const scope = await scopeOf(user, request.query.community);
    const after = request.query.cursor ? Number(request.query.cursor) : null;
    if (after !== null && !(Number.isSafeInteger(after) && after > 0)) throw new AppError('INVALID_CURSOR');
    return service.listAssignments(app.db, scope, after, request.query.limit ?? 20);
  });

  app.post('/contracts/assignments/:id/statements', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Déclarer les heures d’un mois (une fois par mois)', params: IdParam, body: DeclareBody, response: { 201: Statement, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const assignment = await service.loadAssignment(app.db, request.params.id);
    authorize(assignmentAbilities(user, assignment), 'declare', 'Seul·e l’animateur·rice de cette mission déclare ses heures.');
    const { month, hours, note } = request.body;
    const id = await service.declareHours(app.db, assignment, month, Math.round(hours * 60), note ?? '');
    return reply.status(201).send(await statementView(user, id));
  });

  app.put('/contracts/assignments/:id/ceilings/:month', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags, summary: 'Relever le plafond d’heures d’un mois, avec son motif (administration nationale)',
      params: CeilingParams, body: CeilingBody, response: { 200: Ceiling, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(contractsAbilities(user), 'manage');
    const { id, month } = request.params;
    return service.setHoursCeiling(app.db, user, id, month, Math.round(request.body.hours * 60), request.body.reason.trim());
  });

  app.get('/contracts/statements', {
    config: { auth: 'user' },
    schema: { tags, summary: 'États de service (les siens, ou ceux d’une e-communauté)', querystring: ListQuery, response: { 200: StatementPage, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const scope = await scopeOf(user, request.query.community);
    return service.listStatements(app.db, scope, request.query.cursor, request.query.limit ?? 20);
  });

  app.get('/contracts/statements/:id', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Un état de service : heures, montant et contributions du mois', params: IdParam, response: { 200: Statement, ...errorResponses } },
  }, async (request) => statementView(requireUser(request), request.params.id));

  app.post('/contracts/statements/:id/validation', {
    config: { reauth: true, auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Valider l’état de service fait (coordination de l’e-communauté)', params: IdParam, response: { 200: Statement, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const s = await service.findStatement(app.db, user.id, request.params.id);
    authorize(statementAbilities(user, s, s.myRole), 'validate', 'Seul·e le ou la coordonnateur·rice de cette e-communauté valide ces heures.');
    await service.validateStatement(app.db, user.id, s);
    return statementView(user, request.params.id);
  });

  app.get('/contracts/statements/:id/export/:format', {
    config: { auth: 'user' },
    schema: { tags, summary: 'État de service en PDF ou CSV (paie)', params: ExportParams, response: { 200: Type.Any(), ...errorResponses } },
  }, async (request, reply) => {
    const s = await statementView(requireUser(request), request.params.id);
    const name = `etat-de-service-${s.assignment.communitySlug}-${s.month}`;
    reply.header('content-disposition', `attachment; filename="${name}.${request.params.format}"`).header('cache-control', 'private, no-store');
    if (request.params.format === 'csv') return reply.type('text/csv; charset=utf-8').send(statementCsv(s));
    return reply.type('application/pdf').send(await statementPdf(s));
  });
}
