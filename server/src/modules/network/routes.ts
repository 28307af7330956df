import { LIMITS } from '../../../../common/limits.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { canSteerNetwork, isNetworkStaff, networkAbilities } from './policy.js';
import * as network from './service.js';
import {
  AttendanceBody, EventBody, EventsQuery, NetworkEvent, NetworkEventPage, NetworkMe, PracticeBody, PracticeCommentBody, PracticeDetail,
  PracticePage, Registrations,
} from '../../../../common/api/network.js';

// The OpenAPI tag stays the national steering one: the routes moved, the published document did not change.
const tags = ['pilotage national'];
const DEFAULT_PAGE = 20;

/** The animators' network: events to register for, attendance, private space of good practices (`/network/*`). */
export default async function networkRoutes(app: App) {
  const requireAdmin = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    authorize(networkAbilities(user), 'steer');
    return user;
  };
  const requireNetworkStaff = async (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    if (!(await isNetworkStaff(app.db, user))) throw new AppError('NETWORK_STAFF_ONLY');
    return user;
  };

  app.get('/network/me', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Accès au réseau des animateurs', response: { 200: NetworkMe, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return { staff: await isNetworkStaff(app.db, user), admin: canSteerNetwork(user) };
  });

  // --- Network events -------------------------------------------------------------------------

  app.get('/network/events', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Rendez-vous du réseau des animateurs', querystring: EventsQuery, response: { 200: NetworkEventPage, ...errorResponses } },
  }, async (request) => {
    const user = await requireNetworkStaff(request);
    return network.listEvents(app.db, user, request.query.cursor, request.query.limit ?? DEFAULT_PAGE);
  });

  app.post('/network/events', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Programmer une séance d’échange (une par mois au plus) ou le rassemblement annuel', body: EventBody, response: { 201: NetworkEvent, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireAdmin(request);
    const id = await network.createEvent(app.db, request.body, user.id);
    return reply.status(201).send(await network.loadEvent(app.db, user, id));
  });

  app.put('/network/events/:id/registration', {
    config: { auth: 'user' },
    schema: { tags, summary: 'S’inscrire à un rendez-vous du réseau', params: IdParam, response: { 200: NetworkEvent, ...errorResponses } },
  }, async (request) => {
    const user = await requireNetworkStaff(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await network.setRegistration(app.db, request.params.id, user.id, true);
    return network.loadEvent(app.db, user, request.params.id);
  });

  app.delete('/network/events/:id/registration', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Se désinscrire d’un rendez-vous du réseau', params: IdParam, response: { 200: NetworkEvent, ...errorResponses } },
  }, async (request) => {
    const user = await requireNetworkStaff(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await network.setRegistration(app.db, request.params.id, user.id, false);
    return network.loadEvent(app.db, user, request.params.id);
  });

  app.get('/network/events/:id/registrations', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Inscrits d’un rendez-vous et présence', params: IdParam, response: { 200: Registrations, ...errorResponses } },
  }, async (request) => {
    const user = requireAdmin(request);
    await network.loadEvent(app.db, user, request.params.id);
    return network.listRegistrations(app.db, request.params.id);
  });

  app.put('/network/events/:id/attendance', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Enregistrer la présence des inscrits', params: IdParam, body: AttendanceBody, response: { 200: Registrations, ...errorResponses } },
  }, async (request) => {
    requireAdmin(request);
    await network.recordAttendance(app.db, request.params.id, request.body.attendance);
    return network.listRegistrations(app.db, request.params.id);
  });

  // --- Private space of good practices ----------------------------------------------------------

  app.get('/network/practices', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Espace privé du réseau : partages de bonnes pratiques', querystring: EventsQuery, response: { 200: PracticePage, ...errorResponses } },
  }, async (request) => {
    await requireNetworkStaff(request);
    return network.listPractices(app.db, request.query.cursor, request.query.limit ?? DEFAULT_PAGE);
  });

  app.post('/network/practices', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Partager une bonne pratique', body: PracticeBody, response: { 201: PracticeDetail, ...errorResponses } },
  }, async (request, reply) => {
    const user = await requireNetworkStaff(request);
    await hit(app, LIMITS_BY_ACTION.post, subjectOf(request));
    const id = await network.createPractice(app.db, user.id, request.body.title, request.body.body);
    return reply.status(201).send(await network.loadPractice(app.db, id, undefined, LIMITS.pageSizeMax));
  });

  app.get('/network/practices/:id', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Un partage et ses commentaires', params: IdParam, querystring: EventsQuery, response: { 200: PracticeDetail, ...errorResponses } },
  }, async (request) => {
    await requireNetworkStaff(request);
    return network.loadPractice(app.db, request.params.id, request.query.cursor, request.query.limit ?? LIMITS.pageSizeMax);
  });

  app.post('/network/practices/:id/comments', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Commenter un partage', params: IdParam, body: PracticeCommentBody, response: { 201: Ok, ...errorResponses } },
  }, async (request, reply) => {
    const user = await requireNetworkStaff(request);
    await hit(app, LIMITS_BY_ACTION.comment, subjectOf(request));
    await network.commentPractice(app.db, request.params.id, user.id, request.body.body);
    return reply.status(201).send({ ok: true as const });
  });
}
