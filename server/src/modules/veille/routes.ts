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
import { veilleActivity } from './activity.js';
import { veilleAbilities } from './policy.js';
import { fetchFeed, pollSource } from './poller.js';
import { presentInboxItem, presentSource } from './presenters.js';
import { findSource, listInbox, listSources } from './queries.js';
import {
  Activity, InboxPage, NewSource, PollOutcome, Published, PublishBody, SlugParam, Source, SourceList, SourceParams, SourcePatch,
} from '../../../../common/api/veille.js';
import { createSource, deleteSource, dismissItem, publishItem, renameSource } from './service.js';

const tags = ['veille'];

export default async function veilleRoutes(app: App) {
  const fetchOptions = () => ({ allowLoopback: app.config.veilleAllowLoopback });

  /** The community, for its animation team only (others: 403; a draft they cannot see: 404). */
  async function loadForStaff(slug: string, user: CurrentUser) {
    const ctx = await loadCommunityContext(app.db, slug, user);
    authorize(veilleAbilities(user, ctx.role, ctx.can.view), 'manage', 'La veille est réservée à l’équipe d’animation de l’e-communauté.');
    return ctx;
  }

  async function loadSource(communityId: number, id: number) {
    const source = await findSource(app.db, communityId, id);
    if (!source) throw new AppError('VEILLE_SOURCE_NOT_FOUND');
    return source;
  }

  app.get('/communities/:slug/veille/sources', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Sources de veille (RSS, Atom) de l’e-communauté, avec leur état', params: SlugParam, response: { 200: SourceList, ...errorResponses } },
  }, async (request) => {
    const ctx = await loadForStaff(request.params.slug, requireUser(request));
    return { items: (await listSources(app.db, ctx.community.id)).map(presentSource) };
  });

  app.post('/communities/:slug/veille/sources', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Ajouter une source : le flux est lu une première fois, ses articles entrent dans la boîte de veille',
      params: SlugParam, body: NewSource, response: { 201: Source, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    // Counted before the fetch: the limit also bounds how often someone makes the server call out.
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const url = parseHttpUrl(request.body.url).href;
    const first = await fetchFeed(url, { etag: null, lastModified: null }, fetchOptions());
    if (first.kind === 'failed') {
      if (first.privateAddress) throw new AppError('VEILLE_PRIVATE_ADDRESS');
      throw new AppError('VEILLE_FEED_UNREADABLE', `Ce lien ne donne pas un flux RSS ou Atom lisible : ${first.message}.`, { url: first.message });
    }
    if (first.kind !== 'feed') throw new AppError('VEILLE_FEED_UNREADABLE');
    const id = await createSource(app.db, ctx.community.id, user.id, { url, title: request.body.title ?? null }, first);
    reply.code(201);
    return presentSource(await loadSource(ctx.community.id, id));
  });

  app.patch('/communities/:slug/veille/sources/:id', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Renommer une source', params: SourceParams, body: SourcePatch, response: { 200: Source, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await renameSource(app.db, ctx.community.id, request.params.id, request.body.title);
    return presentSource(await loadSource(ctx.community.id, request.params.id));
  });

  app.delete('/communities/:slug/veille/sources/:id', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Retirer une source (les publications déjà faites restent)', params: SourceParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await deleteSource(app.db, ctx.community.id, request.params.id);
    return { ok: true as const };
  });

  app.post('/communities/:slug/veille/sources/:id/poll', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Relever une source maintenant', params: SourceParams, response: { 200: PollOutcome, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const source = await loadSource(ctx.community.id, request.params.id);
    const outcome = await pollSource(app.db, source, fetchOptions());
    return { source: presentSource(await loadSource(ctx.community.id, source.id)), added: outcome.added };
  });

  app.get('/communities/:slug/veille/activity', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Activité de la veille sur 12 semaines : articles reçus, publiés, écartés, par source et par semaine, et sources en échec',
      params: SlugParam, response: { 200: Activity, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadForStaff(request.params.slug, requireUser(request));
    return veilleActivity(app.db, ctx.community.id);
  });

  app.get('/communities/:slug/veille/inbox', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Boîte de veille : articles des sources, ni publiés ni écartés, du plus récent au plus ancien', params: SlugParam, querystring: CursorQuery, response: { 200: InboxPage, ...errorResponses } },
  }, async (request) => {
    const ctx = await loadForStaff(request.params.slug, requireUser(request));
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await listInbox(app.db, ctx.community.id, decodeIdCursor(request.query.cursor), limit);
    const items = rows.slice(0, limit);
    return { items: items.map(presentInboxItem), nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  });

  app.post('/communities/:slug/veille/items/:id/publish', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Publier un article de la boîte comme publication de veille, avec son commentaire',
      params: SourceParams, body: PublishBody, response: { 201: Published, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    ensure(ctx.can.post, 'COMMUNITY_NOT_OPEN');
    const postId = await publishItem(app.db, user, ctx.role, ctx.community.id, request.params.id, request.body,
      (tx) => hit(app, LIMITS_BY_ACTION.post, subjectOf(request), tx));
    reply.code(201);
    return { postId };
  });

  app.post('/communities/:slug/veille/items/:id/dismiss', {
    config: { auth: 'verified' },
    schema: { tags, summary: 'Écarter un article de la boîte de veille', params: SourceParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadForStaff(request.params.slug, user);
    await dismissItem(app.db, user.id, ctx.community.id, request.params.id, (tx) => hit(app, LIMITS_BY_ACTION.write, subjectOf(request), tx));
    return { ok: true as const };
  });
}
