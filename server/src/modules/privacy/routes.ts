import type { App } from '../../types.js';
import { decodeKeyset } from '../../lib/cursor.js';
import { CursorQuery, errorResponses, Ok } from '../../lib/schemas.js';
import { hit, subjectOf } from '../../lib/rate-limit.js';
import { closeSession, requireUser } from '../../plugins/session.js';
import { LIMITS } from '../../../../common/limits.js';
import {
  CguAcceptanceBody, DeleteAccountBody, ExportFile, LegalVersion, LegalVersionItemPage, SlugParam, VersionParams,
} from '../../../../common/api/privacy.js';
import { listVersions, loadVersion } from './legal-versions.js';
import { acceptCgu } from './cgu.js';
import { buildExport } from './export.js';
import { deleteAccount } from './deletion.js';
import { DELETE_LIMIT } from './policy.js';
import { parisToday } from '../../../../common/time/index.js';

/** Paris calendar day, for the export's file name. */

export default async function privacyRoutes(app: App) {
  app.get('/pages/:slug/versions', {
    schema: {
      tags: ['site'], summary: 'Versions d’une page légale, de la plus récente à la plus ancienne',
      params: SlugParam, querystring: CursorQuery, response: { 200: LegalVersionItemPage, ...errorResponses },
    },
  }, async (request) => listVersions(app.db, request.params.slug, decodeKeyset(request.query.cursor), request.query.limit ?? LIMITS.pageSize));

  app.get('/pages/:slug/versions/:version', {
    schema: {
      tags: ['site'], summary: 'Une version d’une page légale (en vigueur ou remplacée)',
      params: VersionParams, response: { 200: LegalVersion, ...errorResponses },
    },
  }, async (request) => loadVersion(app.db, request.params.slug, request.params.version));

  app.post('/me/cgu-acceptance', {
    config: { auth: 'user', rateLimit: 'cguAccept' },
    schema: {
      tags: ['comptes'], summary: 'Accepter la version en vigueur des CGU',
      body: CguAcceptanceBody, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    await acceptCgu(app, user.id, request.body.version);
    return { ok: true as const };
  });

  app.get('/me/export', {
    config: { auth: 'user', rateLimit: 'dataExport', readReplica: true },
    schema: {
      tags: ['comptes'], summary: 'Télécharger toutes mes données (fichier JSON)',
      response: { 200: ExportFile, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const data = await buildExport(request.readDb, user.id);
    // Sent as text: its shape is the database's, and the response schema would strip what it does not list.
    return reply
      .header('content-disposition', `attachment; filename="e-communautes-mes-donnees-${parisToday()}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2) as never);
  });

  app.delete('/me', {
    // A fresh proof of identity (password, or ProConnect for accounts created there): plugins/reauth.ts.
    config: { auth: 'user', reauth: true },
    schema: {
      tags: ['comptes'], summary: 'Supprimer mon compte (identité confirmée depuis moins de 10 minutes)',
      body: DeleteAccountBody, response: { 200: Ok, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await hit(app, DELETE_LIMIT, subjectOf(request));
    await deleteAccount(app, user.id, request.body.deleteContent);
    await closeSession(app, request, reply);
    return { ok: true as const };
  });
}
