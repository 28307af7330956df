import { Type } from 'typebox';
import { AppError, ensure } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { Id, errorResponses, IdParam, Page } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { canManageContracts, canValidate } from './policy.js';
import { statementCsv, statementPdf } from './render.js';
import {
  Assignment, AssignmentBody, Ceiling, CeilingBody, CeilingParams, DeclareBody, ListQuery, Scale, ScaleBody, ScaleParams, Statement,
} from './schema.js';
import * as service from './service.js';

const tags = ['contrats et heures'];

export default async function contractsRoutes(app: App) {
  /** The community whose list is asked for, after checking the caller may read it; null: the caller's own. */
  async function scopeOf(user: CurrentUser, slug: string | undefined): Promise<{ communityId?: number; userId?: number }> {
    if (!slug) return { userId: user.id };
    const ctx = await loadCommunityContext(app.db, slug, user);
    ensure(await canValidate(app.pool, user, ctx.community.id), 'FORBIDDEN');
    return { communityId: ctx.community.id };
  }

  app.get('/contracts/scales', {
    schema: { tags, summary: 'Grilles de rémunération', response: { 200: Type.Array(Scale), ...errorResponses } },
  }, async (request) => {
    requireUser(request);
    return service.listScales(app.pool);
  });

  app.put('/contracts/scales/:code', {
    schema: { tags, summary: 'Créer ou modifier une grille (administration nationale)', params: ScaleParams, body: ScaleBody, response: { 200: Type.Array(Scale), ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    ensure(canManageContracts(user), 'FORBIDDEN');
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await service.saveScale(app.db, request.params.code, request.body.label, request.body.hourlyRateCents);
    return service.listScales(app.pool);
  });

  app.post('/contracts/assignments', {
    schema: { tags, summary: 'Confier une mission d’animation (administration nationale)', body: AssignmentBody, response: { 201: Assignment, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    ensure(canManageContracts(user), 'FORBIDDEN');
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const { communitySlug, ...rest } = request.body;
    const ctx = await loadCommunityContext(app.db, communitySlug, user);
    const id = await service.createAssignment(app.db, { ...rest, communityId: ctx.community.id }, user.id);
    return reply.status(201).send(await service.loadAssignment(app.pool, id));
  });

  app.get('/contracts/assignments', {
    schema: { tags, summary: 'Missions d’animation (les siennes, ou celles d’une e-communauté)', querystring: ListQuery, response: { 200: Page(Assignment), ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const scope = await scopeOf(user, request.query.community);
    const after = request.query.cursor ? Number(request.query.cursor) : null;
    if (after !== null && !(Number.isSafeInteger(after) && after > 0)) throw new AppError('INVALID_CURSOR');
    return service.listAssignments(app.pool, scope, after, request.query.limit ?? 20);
  });

  app.post('/contracts/assignments/:id/statements', {
    schema: { tags, summary: 'Déclarer les heures d’un mois (une fois par mois)', params: IdParam, body: DeclareBody, response: { 201: Statement, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const { month, hours, note } = request.body;
    const id = await service.declareHours(app.db, app.pool, user, request.params.id, month, Math.round(hours * 60), note ?? '');
    return reply.status(201).send(await service.loadStatement(app.pool, user, id));
  });

  app.put('/contracts/assignments/:id/ceilings/:month', {
    schema: {
      tags, summary: 'Relever le plafond d’heures d’un mois, avec son motif (administration nationale)',
      params: CeilingParams, body: CeilingBody, response: { 200: Ceiling, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    ensure(canManageContracts(user), 'FORBIDDEN');
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const { id, month } = request.params;
    return service.setHoursCeiling(app.db, app.pool, user, id, month, Math.round(request.body.hours * 60), request.body.reason.trim());
  });

  app.get('/contracts/statements', {
    schema: { tags, summary: 'États de service (les siens, ou ceux d’une e-communauté)', querystring: ListQuery, response: { 200: Page(Statement), ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const scope = await scopeOf(user, request.query.community);
    return service.listStatements(app.pool, scope, request.query.cursor, request.query.limit ?? 20);
  });

  app.get('/contracts/statements/:id', {
    schema: { tags, summary: 'Un état de service : heures, montant et contributions du mois', params: IdParam, response: { 200: Statement, ...errorResponses } },
  }, async (request) => service.loadStatement(app.pool, requireUser(request), request.params.id));

  app.post('/contracts/statements/:id/validation', {
    config: { reauth: true },
    schema: { tags, summary: 'Valider l’état de service fait (coordination de l’e-communauté)', params: IdParam, response: { 200: Statement, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await service.validateStatement(app.db, app.pool, user, request.params.id);
    return service.loadStatement(app.pool, user, request.params.id);
  });

  const Format = Type.Object({ id: Id, format: Type.Union([Type.Literal('pdf'), Type.Literal('csv')]) });
  app.get('/contracts/statements/:id/export/:format', {
    schema: { tags, summary: 'État de service en PDF ou CSV (paie)', params: Format, response: { 200: Type.Any(), ...errorResponses } },
  }, async (request, reply) => {
    const s = await service.loadStatement(app.pool, requireUser(request), request.params.id);
    const name = `etat-de-service-${s.assignment.communitySlug}-${s.month}`;
    reply.header('content-disposition', `attachment; filename="${name}.${request.params.format}"`).header('cache-control', 'private, no-store');
    if (request.params.format === 'csv') return reply.type('text/csv; charset=utf-8').send(statementCsv(s));
    return reply.type('application/pdf').send(await statementPdf(s));
  });
}
