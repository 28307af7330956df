import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage, toIso } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import { CursorQuery, errorResponses, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { placeKind } from './place.js';
import { discardDraft, findDraft, listDrafts, saveDraft, type DraftListRow } from './queries.js';
import { DraftState, DraftSummaryPage, PlaceParam, Saved, SaveDraftBody } from '../../../../common/api/drafts.js';

const tags = ['brouillons'];

const GONE: Record<NonNullable<DraftListRow['gone']>, string> = {
  post_deleted: 'La publication a été supprimée : ce commentaire ne peut plus y être publié.',
  not_member: 'Vous n’êtes plus membre de cette e-communauté : ce brouillon ne peut plus y être publié.',
  conversation_left: 'Vous ne participez plus à cette conversation : ce message ne peut plus y être envoyé.',
  report_closed: 'Ce rapport a déjà été transmis : il ne peut plus être modifié.',
  not_found: 'Cet emplacement n’existe plus ou ne vous est plus accessible : ce brouillon ne peut plus y être publié.',
};

function presentListed(row: DraftListRow) {
  return {
    place: row.place,
    kind: placeKind(row.place),
    title: row.title,
    excerpt: row.excerpt,
    updatedAt: toIso(row.updated_at),
    target: row.target_label === null ? null : { label: row.target_label, url: row.gone ? null : row.target_url },
    unavailable: row.gone ? `${GONE[row.gone]} Copiez son texte pour le garder.` : null,
  };
}

/**
 * Drafts saved as the person types, one per (person, place). Only their owner ever reads or writes them: every
 * statement is keyed by the signed-in person's id, so there is no one else's draft to reach.
 */
export default async function draftsRoutes(app: App) {
  app.get('/drafts', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Mes brouillons, le plus récemment enregistré d’abord',
      querystring: CursorQuery, response: { 200: DraftSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listDrafts(app.db, user.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentListed), nextCursor: page.nextCursor };
  });

  app.get('/drafts/:place', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Mon brouillon à cet endroit (null s’il n’y en a pas)', params: PlaceParam, response: { 200: DraftState, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await findDraft(app.db, user.id, request.params.place);
    return { draft: row ? { place: row.place, title: row.title, body: row.body, updatedAt: toIso(row.updated_at) } : null };
  });

  app.put('/drafts/:place', {
    config: { auth: 'user', rateLimit: 'draft' },
    schema: {
      tags, summary: 'Enregistrer mon brouillon à cet endroit (un texte vide le supprime)',
      params: PlaceParam, body: SaveDraftBody, response: { 200: Saved, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { place } = request.params;
    const title = request.body.title ?? '';
    const body = request.body.body;
    if (title.trim() === '' && body.trim() === '') {
      await discardDraft(app.db, user.id, place);
      return { saved: false, updatedAt: null };
    }
    const at = await saveDraft(app.db, user.id, place, title, body);
    if (at === undefined) throw new AppError('DRAFTS_FULL');
    return { saved: true, updatedAt: toIso(at) };
  });

  app.delete('/drafts/:place', {
    config: { auth: 'user', rateLimit: 'draft' },
    schema: { tags, summary: 'Supprimer mon brouillon à cet endroit', params: PlaceParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await discardDraft(app.db, user.id, request.params.place);
    return { ok: true as const };
  });
}
