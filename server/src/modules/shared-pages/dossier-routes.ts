import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { findDossier, type DossierRow } from '../dossiers/queries.js';
import { canView } from '../posts/policy.js';
import { dossierPageAbilities } from './policy.js';
import { presentPageSummary } from './presenters.js';
import { dossierPageRows } from './queries.js';
import { AddDossierPageBody, DossierPageParams, DossierPages } from '../../../../common/api/shared-pages.js';
import { addPageToDossier, removePageFromDossier } from './service.js';

const tags = ['pages co-écrites', 'dossiers'];

/**
 * Co-written pages placed in dossiers. The dossier's own routes are untouched: these sit beside them,
 * under the same rules (whoever reads the dossier reads its pages; its editors place them).
 */
export default async function dossierPagesRoutes(app: App) {
  async function loadDossier(id: number, user: CurrentUser | null): Promise<DossierRow> {
    const row = await findDossier(app.db, id, user);
    if (!row || !canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('DOSSIER_NOT_FOUND');
    return row;
  }

  async function list(dossierId: number) {
    const rows = await dossierPageRows(app.db, dossierId);
    return { items: rows.map((r) => ({ position: r.position, page: presentPageSummary(r) })) };
  }

  app.get('/dossiers/:id/shared-pages', {
    schema: { tags, summary: 'Pages co-écrites placées dans le dossier, dans l’ordre', params: IdParam, response: { 200: DossierPages, ...errorResponses } },
  }, async (request) => {
    await loadDossier(request.params.id, request.user);
    return list(request.params.id);
  });

  app.post('/dossiers/:id/shared-pages', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Placer une page co-écrite dans le dossier (animation)', params: IdParam, body: AddDossierPageBody, response: { 201: DossierPages, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const row = await loadDossier(request.params.id, user);
    authorize(dossierPageAbilities(user, { status: row.community_status }, row.my_role), 'place', 'Seule l’animation de l’e-communauté compose les dossiers.');
    await addPageToDossier(app.db, row.id, request.body.pageId);
    return reply.status(201).send(await list(row.id));
  });

  app.delete('/dossiers/:id/shared-pages/:pageId', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Retirer une page du dossier', params: DossierPageParams, response: { 200: DossierPages, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await loadDossier(request.params.id, user);
    authorize(dossierPageAbilities(user, { status: row.community_status }, row.my_role), 'place');
    await removePageFromDossier(app.db, row.id, request.params.pageId);
    return list(row.id);
  });
}
