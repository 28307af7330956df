import type { FastifyRequest } from 'fastify';
import { authorize } from '../../lib/authorize.js';
import { found } from '../../lib/errors.js';
import { errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { JOBS } from '../../jobs/definitions.js';
import { loadCommunityContext } from '../communities/context.js';
import { calendarAbilities } from './policy.js';
import { presentEvent, presentOccurrence, presentPlanned, presentPublished, presentSlot } from './presenters.js';
import { eventsInRange, findPlanned, findSlot, listSlots, occurrencesInRange, plannedInRange, publishedInRange } from './queries.js';
import {
  Calendar, CalendarQuery, CreatePlannedBody, EditPlannedBody, EditSlotBody, PlannedPost, Slot, SlotBody, SlotList, SlugParam,
} from '../../../../common/api/calendar.js';
import { cancelPlanned, createPlanned, createSlot, deleteSlot, editPlanned, editSlot } from './service.js';
import { asDate, assertDay, assertDayRange } from './time.js';
import { dutyWeeks } from '../roster/queries.js';
import { mondayOf } from '../roster/week.js';

const tags = ['calendrier éditorial'];

export default async function calendarRoutes(app: App) {
  /** The staff member acting on a community (signed in: the route's guard), or 403/404. */
  async function staffOf(request: FastifyRequest, ref: string | number) {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, ref, user);
    authorize(calendarAbilities(ctx), 'plan');
    return { user, ctx };
  }

  /** Queues the publication at its time; the minutely sweep publishes it anyway if this is lost. */
  async function enqueue(written: { id: number; status: string; planned_at: Date | string }) {
    if (!app.jobs || written.status !== 'scheduled') return;
    try {
      await app.jobs.send(JOBS.publishPlannedPost, { plannedPostId: written.id }, {
        startAfter: asDate(written.planned_at), singletonKey: `planned-post:${written.id}`,
      });
    } catch (err) {
      app.log.warn({ err }, 'publication programmée : tâche non envoyée, le balayage la publiera');
    }
  }

  app.get('/communities/:slug/calendar', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Calendrier éditorial d’une e-communauté (équipe d’animation)',
      params: SlugParam, querystring: CalendarQuery, response: { 200: Calendar, ...errorResponses },
    },
  }, async (request) => {
    const { from, to } = request.query;
    assertDayRange(from, to);
    const { ctx } = await staffOf(request, request.params.slug);
    const id = ctx.community.id;
    const [planned, occurrences, published, events, slots, duty] = await Promise.all([
      plannedInRange(app.db, id, from, to), occurrencesInRange(app.db, id, from, to),
      publishedInRange(app.db, id, from, to), eventsInRange(app.db, id, from, to), listSlots(app.db, id),
      dutyWeeks(app.db, id, mondayOf(from), to),
    ]);
    return {
      from, to,
      planned: planned.map(presentPlanned),
      occurrences: occurrences.map(presentOccurrence),
      published: published.map(presentPublished),
      events: events.map(presentEvent),
      slots: slots.map(presentSlot),
      duty: duty.map((d) => ({ weekStart: d.week_start, animator: { id: d.animator_id, firstName: d.first_name, lastName: d.last_name } })),
    };
  });

  app.post('/communities/:slug/planned-posts', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Planifier une publication (brouillon daté ou publication programmée)',
      params: SlugParam, body: CreatePlannedBody, response: { 201: PlannedPost, ...errorResponses },
    },
  }, async (request, reply) => {
    const { user, ctx } = await staffOf(request, request.params.slug);
    const written = await createPlanned(app.db, ctx.community.id, user.id, request.body);
    await enqueue(written);
    return reply.status(201).send(presentPlanned(found(await findPlanned(app.db, written.id), 'PLANNED_POST_NOT_FOUND')));
  });

  app.get('/planned-posts/:id', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Une publication planifiée', params: IdParam, response: { 200: PlannedPost, ...errorResponses } },
  }, async (request) => {
    const row = found(await findPlanned(app.db, request.params.id), 'PLANNED_POST_NOT_FOUND');
    await staffOf(request, row.community_id);
    return presentPlanned(row);
  });

  app.patch('/planned-posts/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Modifier, programmer ou repasser en brouillon une publication planifiée',
      params: IdParam, body: EditPlannedBody, response: { 200: PlannedPost, ...errorResponses },
    },
  }, async (request) => {
    const row = found(await findPlanned(app.db, request.params.id), 'PLANNED_POST_NOT_FOUND');
    await staffOf(request, row.community_id);
    const written = await editPlanned(app.db, row.id, request.body);
    await enqueue(written);
    return presentPlanned(found(await findPlanned(app.db, row.id), 'PLANNED_POST_NOT_FOUND'));
  });

  app.post('/planned-posts/:id/cancel', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Annuler une publication planifiée', params: IdParam, response: { 200: PlannedPost, ...errorResponses } },
  }, async (request) => {
    const row = found(await findPlanned(app.db, request.params.id), 'PLANNED_POST_NOT_FOUND');
    await staffOf(request, row.community_id);
    await cancelPlanned(app.db, row.id);
    return presentPlanned(found(await findPlanned(app.db, row.id), 'PLANNED_POST_NOT_FOUND'));
  });

  app.get('/communities/:slug/slots', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Rendez-vous réguliers d’une e-communauté',
      params: SlugParam, response: { 200: SlotList, ...errorResponses },
    },
  }, async (request) => {
    const { ctx } = await staffOf(request, request.params.slug);
    return { items: (await listSlots(app.db, ctx.community.id)).map(presentSlot) };
  });

  app.post('/communities/:slug/slots', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Créer un rendez-vous régulier (ex. veille chaque lundi à 9 h)',
      params: SlugParam, body: SlotBody, response: { 201: Slot, ...errorResponses },
    },
  }, async (request, reply) => {
    assertDay(request.body.startsOn, 'startsOn');
    const { user, ctx } = await staffOf(request, request.params.slug);
    const id = await createSlot(app.db, ctx.community.id, user.id, request.body);
    return reply.status(201).send(presentSlot(found(await findSlot(app.db, id), 'SLOT_NOT_FOUND')));
  });

  app.patch('/slots/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Modifier un rendez-vous régulier', params: IdParam, body: EditSlotBody, response: { 200: Slot, ...errorResponses } },
  }, async (request) => {
    assertDay(request.body.startsOn, 'startsOn');
    const slot = found(await findSlot(app.db, request.params.id), 'SLOT_NOT_FOUND');
    await staffOf(request, slot.community_id);
    await editSlot(app.db, slot.id, request.body);
    return presentSlot(found(await findSlot(app.db, slot.id), 'SLOT_NOT_FOUND'));
  });

  app.delete('/slots/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Supprimer un rendez-vous régulier', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const slot = found(await findSlot(app.db, request.params.id), 'SLOT_NOT_FOUND');
    await staffOf(request, slot.community_id);
    await deleteSlot(app.db, slot.id);
    return { ok: true as const };
  });
}
