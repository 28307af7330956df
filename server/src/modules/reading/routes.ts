import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage, toIso } from '../../lib/cursor.js';
import { CursorQuery, errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { loadVisiblePostState } from '../posts/context.js';
import { presentSummary } from '../posts/presenters.js';
import type { SummaryRow } from '../posts/queries.js';
import { SlugParam } from '../../../../common/api/posts.js';
import { BookmarkPage, BookmarkState } from '../../../../common/api/reading.js';
import { listBookmarks, markAllRead, setBookmark } from '../read-state/queries.js';

const tags = ['lecture'];

/** Bookmarks (« Enregistrer », « Mes enregistrements ») and « Tout marquer comme lu ». */
export default async function readingRoutes(app: App) {
  for (const on of [true, false]) {
    const route = on ? app.put.bind(app) : app.delete.bind(app);
    route('/posts/:id/bookmark', {
      config: { auth: 'user', rateLimit: 'reading' },
      schema: {
        tags, summary: on ? 'Enregistrer une publication pour la retrouver' : 'Retirer une publication de mes enregistrements',
        params: IdParam, response: { 200: BookmarkState, ...errorResponses },
      },
    }, async (request) => {
      const user = requireUser(request);
      // Saving needs a post the person may read; removing works on whatever they saved.
      const id = on ? (await loadVisiblePostState(app.db, request.params.id, user)).id : request.params.id;
      await setBookmark(app.db, user.id, id, on);
      return { bookmarked: on };
    });
  }

  app.get('/bookmarks', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Mes enregistrements, le plus récent d’abord',
      querystring: CursorQuery, response: { 200: BookmarkPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await listBookmarks(app.db, user.id, decodeKeyset(request.query.cursor), limit, user.nationalRole === 'admin');
    const page = keysetPage(rows as Array<SummaryRow & { post_created_at: string }>, limit);
    return {
      items: page.items.map((r) => ({ post: presentSummary({ ...r, created_at: r.post_created_at }), savedAt: toIso(r.created_at) })),
      nextCursor: page.nextCursor,
    };
  });

  app.post('/communities/:slug/read', {
    config: { auth: 'user', rateLimit: 'reading' },
    schema: { tags, summary: 'Tout marquer comme lu dans une e-communauté', params: SlugParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    await markAllRead(app.db, user.id, ctx.community.id);
    return { ok: true as const };
  });

  app.post('/feed/read', {
    config: { auth: 'user', rateLimit: 'reading' },
    schema: { tags, summary: 'Tout marquer comme lu dans toutes mes e-communautés', response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await markAllRead(app.db, user.id, null);
    return { ok: true as const };
  });
}
