import type { App, CurrentUser } from '../../types.js';
import { authorize } from '../../lib/authorize.js';
import { decodeKeyset } from '../../lib/cursor.js';
import { CursorQuery, errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { LIMITS } from '../../../../common/limits.js';
import { LegalPage, OutboxPage, PageBody, SlugParam } from '../../../../common/api/site.js';
import { outboxAbilities, pageAbilities } from './policy.js';
import { loadPage, outboxPage, savePage } from './service.js';

type PageRow = Awaited<ReturnType<typeof loadPage>>;

function presentPage(page: PageRow, viewer: CurrentUser | null) {
  return {
    slug: page.slug, title: page.title, bodyHtml: page.bodyHtml, bodyMd: page.bodyMd, version: page.version,
    updatedAt: page.updatedAt.toISOString(), can: pageAbilities(viewer),
  };
}

export default async function siteRoutes(app: App) {
  app.get('/pages/:slug', {
    schema: { tags: ['site'], summary: 'Page légale (CGU, charte éditoriale…)', params: SlugParam, response: { 200: LegalPage, ...errorResponses } },
  }, async (request) => presentPage(await loadPage(app.db, request.params.slug), request.user));

  app.put('/pages/:slug', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: {
      tags: ['site'], summary: 'Publier une nouvelle version d’une page légale (administration nationale)',
      params: SlugParam, body: PageBody, response: { 200: LegalPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(pageAbilities(user), 'edit');
    const page = await savePage(app.db, request.params.slug, request.body.title, request.body.body, user.id);
    return presentPage(page, user);
  });

  app.get('/admin/outbox', {
    config: { auth: 'user' },
    schema: {
      tags: ['site'], summary: 'Courriels enregistrés (boîte d’envoi de développement), du plus récent au plus ancien',
      querystring: CursorQuery, response: { 200: OutboxPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(outboxAbilities(user), 'read');
    return outboxPage(app.db, decodeKeyset(request.query.cursor), request.query.limit ?? LIMITS.pageSize);
  });
}
