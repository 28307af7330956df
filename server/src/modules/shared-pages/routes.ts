import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, encodeKeyset } from '../../lib/cursor.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { CursorQuery, ErrorBody, errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { readableCommunities } from '../search/queries.js';
import { highlightToHtml } from '../search/highlight.js';
import dossierPagesRoutes from './dossier-routes.js';
import { textDiff } from './diff.js';
import { canLockPage, canReadPages, communityPageAbilities, pageAbilities } from './policy.js';
import { presentPage, presentPageSummary, presentRevision } from './presenters.js';
import { communityPages, findPage, findRevisions, pageRevisions, type PageRow } from './queries.js';
import {
  CreatePageBody, DiffQuery, PageDiff, PageSearchHitPage, PageSearchQuery, PageSummaryPage, RestoreBody, Revision, RevisionParams,
  RevisionSummaryPage, SavePageBody, SlugParam, WikiPage,
} from '../../../../common/api/shared-pages.js';
import { searchPages } from './search.js';
import { createPage, restoreRevision, savePage, setEditing, setLock } from './service.js';

const tags = ['pages co-écrites'];
const conflictResponses = { ...errorResponses, 409: ErrorBody };

/** Revision history cursor: the number of the last revision shown. */
function decodeNumberCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('INVALID_CURSOR');
  return n;
}

export default async function sharedPagesRoutes(app: App) {
  /** A page the user may read; pages of a hidden (draft) community answer "not found" like missing ones. */
  async function load(id: number, user: CurrentUser | null): Promise<PageRow> {
    const row = await findPage(app.db, id, user);
    if (!row || !canReadPages(user, { status: row.community_status, role: row.my_role })) throw new AppError('WIKI_PAGE_NOT_FOUND');
    return row;
  }

  async function loadForEdit(id: number, user: CurrentUser): Promise<PageRow> {
    const row = await load(id, user);
    const access = { status: row.community_status, role: row.my_role };
    if (row.locked_at !== null && !canLockPage(user, access)) throw new AppError('WIKI_PAGE_LOCKED');
    authorize(pageAbilities(user, access, row.locked_at !== null), 'edit', 'Rejoignez l’e-communauté pour co-écrire ses pages.');
    return row;
  }

  async function present(id: number, user: CurrentUser | null) {
    return presentPage(await load(id, user), user);
  }

  app.get('/communities/:slug/shared-pages', {
    schema: {
      tags, summary: 'Pages co-écrites d’une e-communauté, les dernières modifiées d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: PageSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await communityPages(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(presentPageSummary), nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.updated_at, id: last.id }) : null };
  });

  app.post('/communities/:slug/shared-pages', {
    config: { auth: 'verified', rateLimit: 'post' },
    schema: { tags, summary: 'Créer une page co-écrite (membres)', params: SlugParam, body: CreatePageBody, response: { 201: WikiPage, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(communityPageAbilities(user, { status: ctx.community.status, role: ctx.role }), 'create', 'Rejoignez l’e-communauté pour co-écrire ses pages.');
    const id = await createPage(app.db, ctx.community.id, user.id, request.body);
    return reply.status(201).send(await present(id, user));
  });

  app.get('/shared-pages/search', {
    schema: {
      tags, summary: 'Recherche plein texte dans les pages co-écrites lisibles (même syntaxe que /search)',
      querystring: PageSearchQuery,
      response: { 200: PageSearchHitPage, ...errorResponses },
    },
  }, async (request) => {
    const q = request.query.q.trim();
    if (!q) throw new AppError('SEARCH_QUERY_REQUIRED');
    const readable = await readableCommunities(app.db, request.user);
    const scope = request.query.community ? readable.filter((c) => c.slug === request.query.community) : readable;
    if (request.query.community && scope.length === 0) throw new AppError('COMMUNITY_NOT_FOUND');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await searchPages(app.db, q, scope.map((c) => c.id), decodeKeyset(request.query.cursor), limit);
    const byId = new Map(readable.map((c) => [c.id, c]));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        id: r.id, community: byId.get(r.community_id)!, updatedAt: new Date(r.updated_at).toISOString(),
        titleHtml: highlightToHtml(r.title_headline), excerptHtml: highlightToHtml(r.excerpt_headline),
      })),
      nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.updated_at, id: last.id }) : null,
    };
  });

  app.get('/shared-pages/:id', {
    schema: { tags, summary: 'Une page co-écrite, dans sa version actuelle', params: IdParam, response: { 200: WikiPage, ...errorResponses } },
  }, async (request) => present(request.params.id, request.user));

  app.put('/shared-pages/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Enregistrer une nouvelle version (409 WIKI_EDIT_CONFLICT si une autre version a été enregistrée depuis baseRevision)',
      params: IdParam, body: SavePageBody, response: { 200: WikiPage, ...conflictResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadForEdit(request.params.id, user);
    if (row.revision !== request.body.baseRevision) throw new AppError('WIKI_EDIT_CONFLICT');
    await savePage(app.db, { id: row.id, communityId: row.community_id }, user.id, request.body.baseRevision, request.body);
    return present(row.id, user);
  });

  app.post('/shared-pages/:id/restore', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Restaurer une ancienne version (enregistrée comme une nouvelle version)',
      params: IdParam, body: RestoreBody, response: { 200: WikiPage, ...conflictResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadForEdit(request.params.id, user);
    if (row.revision !== request.body.baseRevision) throw new AppError('WIKI_EDIT_CONFLICT');
    await restoreRevision(app.db, { id: row.id, communityId: row.community_id }, user.id, request.body.baseRevision, request.body.revision);
    return present(row.id, user);
  });

  for (const [method, locked] of [['POST', true], ['DELETE', false]] as const) {
    app.route({
      config: { auth: 'verified', rateLimit: 'write' },
      method, url: '/shared-pages/:id/lock',
      schema: { tags, summary: locked ? 'Verrouiller la page (animation)' : 'Déverrouiller la page (animation)', params: IdParam, response: { 200: WikiPage, ...errorResponses } },
      handler: async (request) => {
        const user = requireUser(request);
        const row = await load(request.params.id, user);
        authorize(pageAbilities(user, { status: row.community_status, role: row.my_role }, row.locked_at !== null), 'lock', 'Seule l’équipe d’animation verrouille les pages.');
        await setLock(app.db, row.id, user.id, locked);
        return present(row.id, user);
      },
    });
  }

  for (const [method, on] of [['PUT', true], ['DELETE', false]] as const) {
    app.route({
      config: { auth: 'verified', rateLimit: 'editingPresence' },
      method, url: '/shared-pages/:id/editing',
      schema: {
        tags, summary: on ? 'Signaler que j’ai la page ouverte en modification (à renouveler chaque minute)' : 'Ne plus signaler que je modifie la page',
        params: IdParam, response: { 200: WikiPage, ...errorResponses },
      },
      handler: async (request) => {
        const user = requireUser(request);
        const row = await loadForEdit(request.params.id, user);
        await setEditing(app.db, row.id, user.id, on);
        return present(row.id, user);
      },
    });
  }

  app.get('/shared-pages/:id/revisions', {
    schema: {
      tags, summary: 'Historique des versions, la plus récente d’abord',
      params: IdParam, querystring: CursorQuery, response: { 200: RevisionSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const row = await load(request.params.id, request.user);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await pageRevisions(app.db, row.id, decodeNumberCursor(request.query.cursor), limit);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(presentRevision), nextCursor: rows.length > limit && last ? Buffer.from(String(last.number)).toString('base64url') : null };
  });

  app.get('/shared-pages/:id/revisions/:number', {
    schema: { tags, summary: 'Une version de la page', params: RevisionParams, response: { 200: Revision, ...errorResponses } },
  }, async (request) => {
    const row = await load(request.params.id, request.user);
    const [rev] = await findRevisions(app.db, row.id, [request.params.number]);
    if (!rev) throw new AppError('WIKI_REVISION_NOT_FOUND');
    return { ...presentRevision(rev), bodyMd: rev.body_md, bodyHtml: rev.body_html };
  });

  app.get('/shared-pages/:id/diff', {
    schema: {
      tags, summary: 'Différences entre deux versions (par lignes ou par mots)',
      params: IdParam, querystring: DiffQuery, response: { 200: PageDiff, ...errorResponses },
    },
  }, async (request) => {
    const row = await load(request.params.id, request.user);
    const { from, to } = request.query;
    const revs = await findRevisions(app.db, row.id, [from, to]);
    const a = revs.find((r) => r.number === from);
    const b = revs.find((r) => r.number === to);
    if (!a || !b) throw new AppError('WIKI_REVISION_NOT_FOUND');
    const body = textDiff(a.body_md, b.body_md, request.query.mode ?? 'lines');
    return { from: presentRevision(a), to: presentRevision(b), title: textDiff(a.title, b.title, 'words').parts, body: body.parts, exact: body.exact };
  });

  await app.register(dossierPagesRoutes);
}
