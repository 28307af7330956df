import { Type } from 'typebox';
import { AppError } from '../../lib/errors.js';
import { errorResponses, Id } from '../../lib/schemas.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { isCommunityStaff } from '../communities/policy.js';
import { canView } from '../posts/policy.js';
import { buildCalendar } from './ics.js';
import { icsEvent } from './presenters.js';
import { feedEvents, findEvent, memberFeedEvents, networkFeedEvents } from './queries.js';
import { FeedTokenParam, feedOwner } from '../feeds/token.js';
import { IcsBody, SlugParam } from '../../../../common/api/agenda.js';

const tags = ['agenda'];
const CONTENT_TYPE = 'text/calendar; charset=utf-8';
const IcsPostIdParam = Type.Object({ postId: Id });

/**
 * iCalendar exports. They need no session: calendar applications subscribe without cookies,
 * so only what anyone may read (open and archived communities) is served.
 */
export default async function icsRoutes(app: App) {
  app.get('/communities/:slug/agenda.ics', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Abonnement iCalendar à l’agenda d’une e-communauté (à venir et trois derniers mois)',
      params: SlugParam, response: { 200: IcsBody, ...errorResponses },
    },
  }, async (request, reply) => {
    const ctx = await loadCommunityContext(request.readDb, request.params.slug, request.user);
    // A draft seen by its coordinator must still not be published as a feed URL others could reuse.
    if (ctx.community.status === 'draft') throw new AppError('COMMUNITY_NOT_FOUND');
    const rows = await feedEvents(request.readDb, ctx.community.id);
    const body = buildCalendar({
      name: `Agenda – ${ctx.community.name}`,
      description: `Les événements de l’e-communauté ${ctx.community.name}`,
      events: rows.map((r) => icsEvent(r, app.config.publicUrl)),
    });
    return reply
      .header('content-type', CONTENT_TYPE)
      .header('content-disposition', `inline; filename="agenda-${ctx.community.slug}.ics"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);
  });

  app.get('/agenda.ics', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Abonnement iCalendar à l’agenda du réseau (e-communautés ouvertes ; à venir et trois derniers mois)',
      response: { 200: IcsBody, ...errorResponses },
    },
  }, async (request, reply) => {
    const rows = await networkFeedEvents(request.readDb);
    const body = buildCalendar({
      name: 'Agenda du réseau – e-communautés',
      description: 'Les événements de toutes les e-communautés ouvertes',
      events: rows.map((r) => icsEvent(r, app.config.publicUrl)),
    });
    return reply
      .header('content-type', CONTENT_TYPE)
      .header('content-disposition', 'inline; filename="agenda-reseau.ics"')
      .header('cache-control', 'public, max-age=300')
      .send(body);
  });

  // The secret in the path is the credential (feeds/token.ts); the answer is personal, so never cached by others.
  app.get('/feeds/:token/agenda.ics', {
    config: { readReplica: true },
    schema: {
      tags, summary: '« Mon agenda » : les événements de toutes mes e-communautés (adresse privée à jeton)',
      params: FeedTokenParam, response: { 200: IcsBody, ...errorResponses },
    },
  }, async (request, reply) => {
    const userId = await feedOwner(request.readDb, request.params.token);
    const rows = await memberFeedEvents(request.readDb, userId);
    const body = buildCalendar({
      name: 'Mon agenda – e-communautés',
      description: 'Les événements de mes e-communautés',
      events: rows.map((r) => icsEvent(r, app.config.publicUrl)),
    });
    return reply
      .header('content-type', CONTENT_TYPE)
      .header('content-disposition', 'inline; filename="mon-agenda.ics"')
      .header('cache-control', 'private, max-age=300')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  });

  // The ".ics" suffix is part of the route, so the id is matched as text and checked here.
  app.get('/events/:postId.ics', {
    config: { readReplica: true },
    schema: {
      tags, summary: 'Un événement au format iCalendar (« Ajouter à mon agenda »)',
      params: IcsPostIdParam, response: { 200: IcsBody, ...errorResponses },
    },
  }, async (request, reply) => {
    const postId = request.params.postId;
    const row = await findEvent(request.readDb, postId, request.user?.id ?? null, true);
    if (!row || !canView(request.user, { status: row.community_status, role: row.my_role })) throw new AppError('EVENT_NOT_FOUND');
    if (row.hidden && request.user?.id !== row.author_id && !isCommunityStaff(request.user, row.my_role)) throw new AppError('EVENT_NOT_FOUND');
    const body = buildCalendar({ name: row.title, events: [icsEvent(row, app.config.publicUrl)] });
    return reply
      .header('content-type', CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="evenement-${row.post_id}.ics"`)
      .header('cache-control', 'private, no-cache')
      .send(body);
  });
}
