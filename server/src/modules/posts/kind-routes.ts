import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { fetchPreview } from './link-preview.js';
import { presentSummary } from './presenters.js';
import { relatedPosts } from './related.js';
import { createRubrique, deleteRubrique, findRubrique, listRubriques, updateRubrique, type RubriqueRow } from './rubriques.js';
import {
  CreateRubriqueBody, EditRubriqueBody, LinkPreview, LinkPreviewBody, RelatedPosts, Rubrique, RubriqueList, SlugParam,
} from '../../../../common/api/posts.js';

/** Routes around post kinds: rubriques, the related communities' posts, link previews. */

const tags = ['publications'];

const presentRubrique = (r: RubriqueRow) => ({ id: r.id, name: r.name, position: r.position, postCount: r.post_count });

export default async function kindRoutes(app: App) {
  app.get('/communities/:slug/rubriques', {
    schema: { tags, summary: 'Rubriques d’une e-communauté, dans l’ordre choisi', params: SlugParam, response: { 200: RubriqueList, ...errorResponses } },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    return { items: (await listRubriques(app.db, ctx.community.id)).map(presentRubrique) };
  });

  app.post('/communities/:slug/rubriques', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Créer une rubrique (équipe d’animation)', params: SlugParam,
      body: CreateRubriqueBody, response: { 201: Rubrique, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(ctx.can, 'moderate');
    const id = await createRubrique(app.db, ctx.community.id, request.body.name);
    const row = (await listRubriques(app.db, ctx.community.id)).find((r) => r.id === id)!;
    return reply.status(201).send(presentRubrique(row));
  });

  /** The rubrique and the proof that the user is staff of its community. */
  async function loadManagedRubrique(id: number, user: CurrentUser) {
    const rubrique = await findRubrique(app.db, id);
    if (!rubrique) throw new AppError('RUBRIQUE_NOT_FOUND');
    const ctx = await loadCommunityContext(app.db, rubrique.community_id, user);
    authorize(ctx.can, 'moderate');
    return { rubrique, ctx };
  }

  app.patch('/rubriques/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Renommer ou déplacer une rubrique (équipe d’animation)', params: IdParam,
      body: EditRubriqueBody,
      response: { 200: RubriqueList, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { ctx } = await loadManagedRubrique(request.params.id, user);
    await updateRubrique(app.db, request.params.id, request.body);
    return { items: (await listRubriques(app.db, ctx.community.id)).map(presentRubrique) };
  });

  app.delete('/rubriques/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Supprimer une rubrique (ses publications restent, sans rubrique)', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await loadManagedRubrique(request.params.id, user);
    await deleteRubrique(app.db, request.params.id);
    return { ok: true as const };
  });

  app.get('/communities/:slug/related-posts', {
    schema: {
      tags, summary: 'Publications récentes des e-communautés liées',
      params: SlugParam, response: { 200: RelatedPosts, ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const rows = await relatedPosts(app.db, ctx.community.id, 3, 12);
    return { items: rows.map((r) => ({ post: presentSummary(r), sharedHere: r.shared_here })) };
  });

  app.post('/link-preview', {
    config: { auth: 'verified', rateLimit: 'linkPreview' },
    schema: {
      tags, summary: 'Aperçu d’un lien (titre, description), récupéré par le serveur',
      body: LinkPreviewBody,
      response: { 200: LinkPreview, ...errorResponses },
    },
  }, async (request) => {
    return fetchPreview(request.body.url, { allowLoopback: app.config.linkPreviewAllowLoopback });
  });
}
