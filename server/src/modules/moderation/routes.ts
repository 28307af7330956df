import { LIMITS } from '../../../../common/limits.js';
import { authorize } from '../../lib/authorize.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import { CursorQuery, errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { parsePeriod } from '../questions/stats.js';
import { loadItem } from './actions.js';
import { listAudit, presentAudit } from './audit.js';
import flagRoutes from './flag-routes.js';
import { networkModerationAbilities } from './policy.js';
import { actionRefusal } from '../sanctions/rank.js';
import { presentQueue, queueGroups } from './queue-queries.js';
import reasonRoutes from './reason-routes.js';
import { ActionBody, ActionResult, AuditPage, ItemParams, QueuePage, SlugParam, Stats, StatsQuery } from '../../../../common/api/moderation.js';
import { decide } from './service.js';
import { moderationStats } from './stats.js';

const tags = ['modération'];

/** The questions module's period rule; an impossible date (month 13) is a bad period too, never a 500. */
function period(from: string | undefined, to: string | undefined) {
  try {
    return parsePeriod(from, to);
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('INVALID_PERIOD');
    throw err;
  }
}

export default async function moderationRoutes(app: App) {
  await app.register(reasonRoutes);
  await app.register(flagRoutes);

  app.get('/communities/:slug/moderation/queue', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'File de modération d’une e-communauté : signalements en attente groupés par contenu, les plus anciens d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: QueuePage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(ctx.can, 'moderate');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await queueGroups(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: await presentQueue(app.db, page.items, { user, role: ctx.role, moderate: true }), nextCursor: page.nextCursor };
  });

  app.get('/moderation/queue', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'File de modération du réseau (équipe nationale)',
      querystring: CursorQuery, response: { 200: QueuePage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(networkModerationAbilities(user), 'moderate');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await queueGroups(app.db, null, decodeKeyset(request.query.cursor), limit), limit);
    // The national team's rank does not depend on its roles in the communities.
    return { items: await presentQueue(app.db, page.items, { user, role: null, moderate: true }), nextCursor: page.nextCursor };
  });

  app.post('/moderation/items/:type/:id/actions', {
    config: { auth: 'user', rateLimit: 'moderate' },
    schema: {
      tags, summary: 'Décision de modération sur une publication ou un commentaire (journalisée)',
      params: ItemParams, body: ActionBody, response: { 200: ActionResult, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { type, id } = request.params;
    const item = await loadItem(app.db, type, id);
    const ctx = await loadCommunityContext(app.db, item.community_id, user);
    const author = { id: item.author_id, nationalRole: item.author_national_role, role: item.author_role };
    const refusal = actionRefusal({ user, role: ctx.role, moderate: ctx.can.moderate }, author, request.body.action);
    if (refusal) throw refusal;
    const outcome = await decide({ db: app.db, config: app.config }, user, item, type, request.body, ctx.community.name);
    return { auditId: outcome.auditId, action: request.body.action, handledFlags: outcome.handledFlags };
  });

  app.get('/communities/:slug/moderation/audit', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Journal de modération d’une e-communauté (coordination et équipe nationale)',
      params: SlugParam, querystring: CursorQuery, response: { 200: AuditPage, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, requireUser(request));
    authorize(ctx.can, 'readModerationAudit');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listAudit(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentAudit), nextCursor: page.nextCursor };
  });

  app.get('/moderation/audit', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Journal de modération du réseau (équipe nationale)',
      querystring: CursorQuery, response: { 200: AuditPage, ...errorResponses },
    },
  }, async (request) => {
    authorize(networkModerationAbilities(requireUser(request)), 'readAudit');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listAudit(app.db, null, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentAudit), nextCursor: page.nextCursor };
  });

  app.get('/communities/:slug/moderation/stats', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Chiffres de la modération d’une e-communauté sur une période (jours AAAA-MM-JJ)',
      params: SlugParam, querystring: StatsQuery, response: { 200: Stats, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, requireUser(request));
    authorize(ctx.can, 'moderate');
    return moderationStats(app.db, ctx.community.id, period(request.query.from, request.query.to));
  });

  app.get('/moderation/stats', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Chiffres de la modération du réseau sur une période (équipe nationale)',
      querystring: StatsQuery, response: { 200: Stats, ...errorResponses },
    },
  }, async (request) => {
    authorize(networkModerationAbilities(requireUser(request)), 'readStats');
    return moderationStats(app.db, null, period(request.query.from, request.query.to));
  });
}
