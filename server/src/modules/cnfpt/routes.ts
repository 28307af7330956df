import { LIMITS } from '../../../../common/limits.js';
import { authorize } from '../../lib/authorize.js';
import { AppError, ensure } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { decodeIdCursor } from '../notifications/service.js';
import { parseHttpUrl } from '../posts/kinds.js';
import { fetchFeed } from '../veille/poller.js';
import { cnfptAbilities, cnfptInboxAbilities } from './policy.js';
import { presentCnfptItem, presentCnfptSource } from './presenters.js';
import { findCnfptSource, listCnfptInbox, listCnfptSources } from './queries.js';
import {
  CnfptInboxPage, CnfptSource, CnfptSourceList, ItemParams, NewCnfptSource, PromoteBody, Promoted, SlugParam, SourceIdParams,
} from '../../../../common/api/cnfpt.js';
import { createCnfptSource, deleteCnfptSource, dismissCnfptItem, promoteItem } from './service.js';

const tags = ['ressources CNFPT'];

export default async function cnfptRoutes(app: App) {
  function requireNationalTeam(user: CurrentUser) {
    authorize(cnfptAbilities(user), 'configureSources', 'Les sources de ressources CNFPT sont configurées par l’équipe nationale.');
  }

  /** The community, for its animation team only (others: 403; a draft they cannot see: 404). */
  async function loadForStaff(slug: string, user: CurrentUser) {
    const ctx = await loadCommunityContext(app.db, slug, user);
    authorize(cnfptInboxAbilities(user, ctx), 'manage', 'La veille est réservée à l’équipe d’animation de l’e-communauté.');
    return ctx;
  }

  app.get('/national/cnfpt-sources', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Sources nationales (RSS, Atom) des ressources CNFPT, avec leur état', response: { 200: CnfptSourceList, ...errorResponses } },
  }, async (request) => {
    requireNationalTeam(requireUser(request));
    return { items: (await listCnfptSources(app.db)).map(presentCnfptSource) };
  });

  app.post('/national/cnfpt-sources', {
    schema: {
      tags, summary: 'Ajouter une source nationale : lue une première fois, ses ressources entrent dans la boîte de veille de chaque e-communauté',
      body: NewCnfptSource, response: { 201: CnfptSource, ...errorResponses },
    },
    // Counted before the fetch: the limit also bounds how often someone makes the server call out.
    config: { auth: 'verified', rateLimit: 'write' },
  }, async (request, reply) => {
    const user = requireUser(request);
    requireNationalTeam(user);
    const url = parseHttpUrl(request.body.url).href;
    const first = await fetchFeed(url, { etag: null, lastModified: null }, { allowLoopback: app.config.veilleAllowLoopback });
    if (first.kind === 'failed') {
      if (first.privateAddress) throw new AppError('VEILLE_PRIVATE_ADDRESS');
      throw new AppError('VEILLE_FEED_UNREADABLE', `Ce lien ne donne pas un flux RSS ou Atom lisible : ${first.message}.`, { url: first.message });
    }
    if (first.kind !== 'feed') throw new AppError('VEILLE_FEED_UNREADABLE');
    const id = await createCnfptSource(app.db, user.id, { url, title: request.body.title ?? null, resourceType: request.body.resourceType }, first, app.config.cnfptSourcesMax);
    reply.code(201);
    return presentCnfptSource((await findCnfptSource(app.db, id))!);
  });

  app.delete('/national/cnfpt-sources/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Retirer une source nationale (les ressources déjà mises en avant restent)', params: SourceIdParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    requireNationalTeam(requireUser(request));
    await deleteCnfptSource(app.db, request.params.id);
    return { ok: true as const };
  });

  app.get('/communities/:slug/veille/cnfpt', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Ressources CNFPT des sources nationales que l’e-communauté n’a ni mises en avant ni écartées, de la plus récente à la plus ancienne',
      params: SlugParam, querystring: CursorQuery, response: { 200: CnfptInboxPage, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadForStaff(request.params.slug, requireUser(request));
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await listCnfptInbox(app.db, ctx.community.id, decodeIdCursor(request.query.cursor), limit, app.config.veilleRetentionDays);
    const items = rows.slice(0, limit);
    return { items: items.map(presentCnfptItem), nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  });

  app.post('/communities/:slug/veille/cnfpt/:id/promote', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Mettre en avant une ressource CNFPT : elle devient une publication « ressource CNFPT » de l’e-communauté',
      params: ItemParams, body: PromoteBody, response: { 201: Promoted, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    ensure(ctx.can.post, 'COMMUNITY_NOT_OPEN');
    const postId = await promoteItem(app.db, user, ctx.role, ctx.community.id, request.params.id, request.body,
      (tx) => hit(app, LIMITS_BY_ACTION.post, subjectOf(request), tx));
    reply.code(201);
    return { postId };
  });

  app.post('/communities/:slug/veille/cnfpt/:id/dismiss', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Écarter une ressource CNFPT de la boîte de veille de l’e-communauté', params: ItemParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    await dismissCnfptItem(app.db, user.id, ctx.community.id, request.params.id, (tx) => hit(app, LIMITS_BY_ACTION.write, subjectOf(request), tx));
    return { ok: true as const };
  });
}
