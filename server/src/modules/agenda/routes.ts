import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, encodeKeyset } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { loadVisiblePost } from '../posts/context.js';
import { canView } from '../posts/policy.js';
import icsRoutes from './ics-routes.js';
import { resolveEvent } from './input.js';
import { addDays, daysBetween, parisToUtc, parseDate } from '../../../../common/time/index.js';
import { agendaAbilities, assertCanManageAgenda } from './policy.js';
import { MonthPageCache } from './month-cache.js';
import { presentEvent, presentMonthEvent } from './presenters.js';
import { communityEvents, eventsBetween, findEvent, networkEvents, type EventRow } from './queries.js';
import {
  CreateEventBody, type CreateEventInput, EditEventBody, Event, EventPage, ListQuery, MonthPage, MonthQuery, NetworkQuery, PostIdParam, SlugParam,
} from '../../../../common/api/agenda.js';
import { createEvent, updateEvent } from './service.js';

const tags = ['agenda'];
const ITEMS_START = Buffer.from('{"items":');

function page(rows: EventRow[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.starts_at, id: last.post_id }) : null };
}

/** A month grid asks for at most six weeks; a little more is allowed, never an unbounded range. */
function monthRange(from: string, to: string): { from: Date; to: Date } {
  const fields: Record<string, string> = {};
  if (!parseDate(from)) fields.from = 'Date invalide.';
  if (!parseDate(to)) fields.to = 'Date invalide.';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
  const span = daysBetween(from, to);
  if (span < 0 || span > LIMITS.eventMaxDays) {
    throw new AppError('VALIDATION_FAILED', undefined, { to: `La période va de 1 à ${LIMITS.eventMaxDays} jours.` });
  }
  return { from: parisToUtc(from)!, to: parisToUtc(addDays(to, 1))! };
}

export default async function agendaRoutes(app: App) {
  const months = new MonthPageCache(app.pageCache, app.config.postPageCacheSeconds * 1000);

  app.post('/communities/:slug/events', {
    config: { idempotent: true, auth: 'user', rateLimit: 'post' },
    schema: {
      tags, summary: 'Ajouter un événement à l’agenda (animation, coordination)',
      description: 'Dates et heures en heure de Paris. Une heure inexistante (passage à l’heure d’été) est décalée d’une heure ; une heure ambiguë (passage à l’heure d’hiver) désigne sa première occurrence.',
      params: SlugParam, body: CreateEventBody, response: { 201: Event, ...errorResponses },
    },
  }, async (request, reply) => {
    const { title, body, ...fields } = request.body;
    const event = resolveEvent(withDefaults(fields));
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    assertCanManageAgenda(user, { status: ctx.community.status, role: ctx.role });
    const postId = await createEvent(app.db, ctx.community.id, user.id, { title, body }, event);
    const row = await findEvent(app.db, postId, user.id);
    return reply.status(201).send(presentEvent(row!, user));
  });

  app.patch('/events/:postId', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags, summary: 'Modifier un événement (animation, coordination)',
      params: PostIdParam, body: EditEventBody, response: { 200: Event, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const current = await findEvent(app.db, request.params.postId, user.id);
    // Drafts must not leak: an event the user may not see is "not found", like a missing one.
    if (!current || !canView(user, { status: current.community_status, role: current.my_role })) throw new AppError('EVENT_NOT_FOUND');
    assertCanManageAgenda(user, { status: current.community_status, role: current.my_role });
    const { title, body, ...changes } = request.body;
    const was = presentEvent(current, user);
    const event = resolveEvent(withDefaults({ ...was, ...dropUndefined(changes) }));
    await updateEvent(app.db, current.post_id, user.id, { title, body }, event);
    return presentEvent((await findEvent(app.db, current.post_id, user.id))!, user);
  });

  app.get('/posts/:id/event', {
    schema: { tags, summary: 'Les dates, le lieu et les liens d’une publication « événement »', params: IdParam, response: { 200: Event, ...errorResponses } },
  }, async (request) => {
    const post = await loadVisiblePost(app.db, request.params.id, request.user);
    const row = await findEvent(app.db, post.id, request.user?.id ?? null);
    if (!row) throw new AppError('EVENT_NOT_FOUND');
    return presentEvent(row, request.user);
  });

  app.get('/communities/:slug/events', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Agenda d’une e-communauté : à venir ou passés',
      params: SlugParam, querystring: ListQuery, response: { 200: EventPage, ...errorResponses },
    },
  }, async (request) => {
    const { when = 'upcoming', cursor, limit = LIMITS.pageSize } = request.query;
    const keyset = decodeKeyset(cursor);
    const ctx = await loadCommunityContext(request.readDb, request.params.slug, request.user);
    const can = agendaAbilities(request.user, { status: ctx.community.status, role: ctx.role });
    const result = page(await communityEvents(request.readDb, ctx.community.id, request.user?.id ?? null, when, keyset, limit), limit);
    return { items: result.items.map((r) => presentEvent(r, request.user)), nextCursor: result.nextCursor, can };
  });

  app.get('/communities/:slug/events/month', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Agenda d’une e-communauté en grille : les événements d’un mois (from/to, jours de Paris inclus)',
      params: SlugParam, querystring: MonthQuery, response: { 200: MonthPage, ...errorResponses },
    },
  }, async (request, reply) => {
    const { from, to } = request.query;
    const range = monthRange(from, to);
    const ctx = await loadCommunityContext(request.readDb, request.params.slug, request.user);
    const can = agendaAbilities(request.user, { status: ctx.community.status, role: ctx.role });
    // The month is shared by every reader (month-cache.ts); their own part is whether they may add an event.
    const items = await months.itemsJson(`${ctx.community.id}:${from}:${to}`, ctx.community.feedVersion,
      async () => JSON.stringify((await eventsBetween(request.readDb, ctx.community.id, range.from, range.to)).map(presentMonthEvent)));
    // Written around the shared items' bytes (the type provider only knows objects, hence the cast).
    const body = Buffer.concat([ITEMS_START, items, Buffer.from(`,"can":${JSON.stringify(can)}}`)]);
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  app.get('/events', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Agenda du réseau : les événements des e-communautés ouvertes, les prochains d’abord',
      querystring: NetworkQuery, response: { 200: EventPage, ...errorResponses },
    },
  }, async (request) => {
    const { when = 'upcoming', cursor, limit = LIMITS.pageSize } = request.query;
    const result = page(await networkEvents(request.readDb, request.user?.id ?? null, when, decodeKeyset(cursor), limit), limit);
    return { items: result.items.map((r) => presentEvent(r, request.user)), nextCursor: result.nextCursor, can: { create: false } };
  });

  await app.register(icsRoutes);
}

type Fields = Omit<CreateEventInput, 'title' | 'body'>;

function withDefaults(f: Fields) {
  return {
    allDay: f.allDay ?? false,
    startDate: f.startDate,
    startTime: f.startTime ?? null,
    endDate: f.endDate,
    endTime: f.endTime ?? null,
    place: f.place ?? null,
    onlineUrl: f.onlineUrl ?? null,
    registrationUrl: f.registrationUrl ?? null,
    organiser: f.organiser ?? null,
  };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
