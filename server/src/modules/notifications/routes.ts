import type { App } from '../../types.js';
import { requireUser } from '../../plugins/session.js';
import { CursorQuery, IdParam, Ok, errorResponses } from '../../lib/schemas.js';
import {
  DossierFollowing, Following, NotificationPage, SlugParam, StreamHeaders, StreamQuery, UnreadCount,
} from '../../../../common/api/notifications.js';
import { AppError } from '../../lib/errors.js';
import { loadCommunityContext } from '../communities/context.js';
import { findDossier } from '../dossiers/queries.js';
import { canView } from '../posts/policy.js';
import { isFollowingDossier, setDossierFollow } from './dossier-follows.js';
import { NotificationHub } from './live.js';
import { trackLiveConnections } from '../../lib/metrics.js';
import { presentNotification } from './presenters.js';
import { JOBS_NOTIFICATIONS } from './jobs.js';
import {
  decodeIdCursor, isFollowing, latestId, listNotifications, markAllRead, markRead, setFollow, unreadCount,
} from './service.js';

const tags = ['notifications'];

export default async function notificationsRoutes(app: App) {
  const hub = new NotificationHub(app);
  const untrackLive = trackLiveConnections(() => hub.size);
  app.addHook('onClose', async () => untrackLive());
  // The instance that can send jobs turns outbox wake-ups into fan-out jobs (duplicates collapse on the key).
  if (app.jobs) {
    const jobs = app.jobs;
    hub.onEvent = (eventId) => {
      jobs.send(JOBS_NOTIFICATIONS.fanOut, { eventId }, { singletonKey: `event-${eventId}` })
        .catch((err) => app.log.warn({ err }, 'notifications : tâche de diffusion non envoyée'));
    };
    app.addHook('onReady', async () => { await hub.start(); });
  }
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => { await hub.close(); });
  app.addHook('onClose', async () => { await hub.close(); });

  app.get('/notifications', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Mes notifications, les plus récentes d’abord', querystring: CursorQuery, response: { 200: NotificationPage, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const page = await listNotifications(app.db, user.id, decodeIdCursor(request.query.cursor), request.query.limit ?? 20);
    return { items: page.items.map(presentNotification), nextCursor: page.nextCursor };
  });

  app.get('/notifications/unread-count', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Nombre de notifications non lues', response: { 200: UnreadCount, ...errorResponses } },
  }, async (request) => ({ unread: await unreadCount(app.db, requireUser(request).id) }));

  app.post('/notifications/:id/read', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Marquer une notification comme lue', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await markRead(app.db, user.id, request.params.id);
    return { ok: true as const };
  });

  app.post('/notifications/read-all', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Marquer toutes mes notifications comme lues', response: { 200: UnreadCount, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await markAllRead(app.db, user.id);
    return { unread: 0 };
  });

  app.get('/communities/:slug/follow', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Est-ce que je suis les nouvelles publications de cette e-communauté ?', params: SlugParam, response: { 200: Following, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    if (!ctx.can.view) throw new AppError('COMMUNITY_NOT_FOUND');
    return { following: await isFollowing(app.db, ctx.community.id, user.id) };
  });

  app.put('/communities/:slug/follow', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Suivre ou ne plus suivre les nouvelles publications d’une e-communauté', params: SlugParam, body: Following, response: { 200: Following, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    if (!ctx.can.view) throw new AppError('COMMUNITY_NOT_FOUND');
    if (!ctx.role) throw new AppError('NOT_MEMBER');
    await setFollow(app.db, ctx.community.id, user.id, request.body.following);
    return { following: request.body.following };
  });

  /** A dossier the user may see (else 404, like a missing one). */
  async function loadDossier(id: number, user: Parameters<typeof findDossier>[2]) {
    const row = await findDossier(app.db, id, user);
    if (!row || !canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('DOSSIER_NOT_FOUND');
    return row;
  }

  app.get('/dossiers/:id/follow', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Est-ce que je suis ce dossier ?', params: IdParam, response: { 200: DossierFollowing, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const dossier = await loadDossier(request.params.id, user);
    return { following: await isFollowingDossier(app.db, dossier.id, user.id), canFollow: dossier.my_role !== null };
  });

  app.put('/dossiers/:id/follow', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags, summary: 'Suivre un dossier (notification à chaque publication ajoutée) ou ne plus le suivre',
      params: IdParam, body: Following, response: { 200: Following, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const dossier = await loadDossier(request.params.id, user);
    // Like a community, a dossier is followed by its community's members (the fan-out checks it again).
    if (!dossier.my_role) throw new AppError('NOT_MEMBER');
    await setDossierFollow(app.db, dossier.id, user.id, request.body.following);
    return { following: request.body.following };
  });

  app.get('/notifications/stream', {
    config: { auth: 'user' },
    schema: {
      tags,
      summary: 'Mes notifications en direct (Server-Sent Events)',
      description: 'Flux Server-Sent Events : un événement `notification` par nouvelle notification (`id:` = son id). Reprend après `Last-Event-ID`. '
        + 'Au plus 5 flux par session et 10 par personne : au-delà, le plus ancien reçoit `replaced` et se ferme (ne pas le rouvrir).',
      headers: StreamHeaders,
      querystring: StreamQuery,
      response: errorResponses,
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const resume = request.headers['last-event-id'] ?? request.query.lastEventId;
    const after = resume === undefined || resume === '' ? null : decodeIdCursor(resume);
    await hub.start();
    // Without a resume point the stream starts now; with one it catches up from the table.
    const lastId = after ?? await latestId(app.db, user.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: ouvert\n\n');
    const stream = { userId: user.id, session: request.session!.tokenHash, lastId, res, busy: false, again: false };
    hub.add(stream);
    await hub.flush(stream);
  });
}
