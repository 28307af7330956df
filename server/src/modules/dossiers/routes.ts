import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { CursorQuery, errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { canView } from '../posts/policy.js';
import { dossierAbilities } from './policy.js';
import { presentCandidate, presentDossier, presentDossierSummary } from './presenters.js';
import { candidates, communityDossiers, dossierItems, findDossier, type DossierRow } from './queries.js';
import {
  AddItemBody, CandidateList, CandidatesQuery, CreateDossierBody, Dossier, DossierSummaryPage, EditDossierBody, ItemParams, OrderBody, SlugParam,
} from '../../../../common/api/dossiers.js';
import { addItem, createDossier, deleteDossier, editDossier, removeItem, reorder } from './service.js';

const tags = ['dossiers'];

export default async function dossiersRoutes(app: App) {
  /** A dossier the user may see; drafts' dossiers answer "not found" like missing ones. */
  async function load(id: number, user: CurrentUser | null): Promise<DossierRow> {
    const row = await findDossier(app.db, id, user);
    if (!row || !canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('DOSSIER_NOT_FOUND');
    return row;
  }

  async function loadForEdit(id: number, user: CurrentUser, action: 'edit' | 'delete' = 'edit'): Promise<DossierRow> {
    const row = await load(id, user);
    authorize(dossierAbilities(user, { status: row.community_status }, row.my_role), action);
    return row;
  }

  async function present(id: number, user: CurrentUser | null) {
    const row = await load(id, user);
    return presentDossier(row, await dossierItems(app.db, id), user);
  }

  app.get('/communities/:slug/dossiers', {
    schema: {
      tags, summary: 'Dossiers d’une e-communauté, les plus récents d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: DossierSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await communityDossiers(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentDossierSummary), nextCursor: page.nextCursor };
  });

  app.post('/communities/:slug/dossiers', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Créer un dossier (animation)', params: SlugParam, body: CreateDossierBody, response: { 201: Dossier, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(dossierAbilities(user, ctx.community, ctx.role), 'edit', 'Seule l’animation de l’e-communauté peut composer des dossiers.');
    const id = await createDossier(app.db, ctx.community.id, user.id, request.body);
    return reply.status(201).send(await present(id, user));
  });

  app.get('/communities/:slug/dossier-candidates', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Publications de l’e-communauté à ajouter à un dossier, par titre (animation)',
      params: SlugParam, querystring: CandidatesQuery, response: { 200: CandidateList, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(dossierAbilities(user, ctx.community, ctx.role), 'edit');
    return { items: (await candidates(app.db, ctx.community.id, (request.query.q ?? '').trim())).map(presentCandidate) };
  });

  app.get('/dossiers/:id', {
    schema: { tags, summary: 'Un dossier et ses publications, dans l’ordre', params: IdParam, response: { 200: Dossier, ...errorResponses } },
  }, async (request) => present(request.params.id, request.user));

  app.patch('/dossiers/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Modifier un dossier (animation)', params: IdParam, body: EditDossierBody, response: { 200: Dossier, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await loadForEdit(request.params.id, user);
    await editDossier(app.db, request.params.id, request.body);
    return present(request.params.id, user);
  });

  app.delete('/dossiers/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Supprimer un dossier (les publications restent)', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await loadForEdit(request.params.id, user, 'delete');
    await deleteDossier(app.db, request.params.id);
    return { ok: true as const };
  });

  app.post('/dossiers/:id/items', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Ajouter une publication au dossier', params: IdParam, body: AddItemBody, response: { 201: Dossier, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    await loadForEdit(request.params.id, user);
    await addItem(app.db, request.params.id, request.body.postId, request.body.note ?? '');
    return reply.status(201).send(await present(request.params.id, user));
  });

  app.delete('/dossiers/:id/items/:postId', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Retirer une publication du dossier', params: ItemParams, response: { 200: Dossier, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await loadForEdit(request.params.id, user);
    await removeItem(app.db, request.params.id, request.params.postId);
    return present(request.params.id, user);
  });

  app.put('/dossiers/:id/order', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Réordonner les publications du dossier', params: IdParam, body: OrderBody, response: { 200: Dossier, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await loadForEdit(request.params.id, user);
    await reorder(app.db, request.params.id, request.body.postIds);
    return present(request.params.id, user);
  });
}
