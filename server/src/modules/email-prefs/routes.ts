import { Type } from 'typebox';
import type { App } from '../../types.js';
import { requireUser } from '../../plugins/session.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  CommunityIdParam, Preference, PreferenceBody, PreferenceList, TokenQuery, Unsubscribed,
} from '../../../../common/api/email-prefs.js';
import { listPreferences, setPreference, unsubscribe } from './service.js';
import { verifyUnsubscribeToken } from './token.js';

export default async function emailPrefsRoutes(app: App) {
  // Mail clients send the RFC 8058 one-click POST as a form ("List-Unsubscribe=One-Click"); the body carries nothing we need.
  app.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'], { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));

  app.get('/me/email-preferences', {
    config: { auth: 'user' },
    schema: { tags: ['courriel'], summary: 'Mes préférences de courriel, par e-communauté', response: { 200: PreferenceList, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return { items: await listPreferences(app.db, user.id) };
  });

  app.put('/me/email-preferences/:communityId', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags: ['courriel'],
      summary: 'Choisir la fréquence des courriels d’une e-communauté',
      params: CommunityIdParam,
      body: PreferenceBody,
      response: { 200: Preference, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    await setPreference(app.db, user.id, request.params.communityId, request.body.frequency);
    const row = (await listPreferences(app.db, user.id)).find((p) => p.communityId === request.params.communityId);
    if (!row) throw new AppError('NOT_MEMBER');
    return row;
  });

  // A link scanner must not unsubscribe anyone: GET only leads to the confirmation page.
  app.get('/email/unsubscribe', { schema: { tags: ['courriel'], summary: 'Lien de désabonnement d’un courriel : mène à la page de confirmation', querystring: TokenQuery, response: { 303: Type.Null(), ...errorResponses } } }, async (request, reply) => {
    return reply.redirect(`/preferences/desabonnement?token=${encodeURIComponent(request.query.token)}`, 303);
  });

  app.post('/email/unsubscribe', {
    config: { rateLimit: 'write' },
    schema: {
      tags: ['courriel'],
      summary: 'Confirmer le désabonnement (jeton du courriel, sans connexion)',
      querystring: TokenQuery,
      response: { 200: Unsubscribed, ...errorResponses },
    },
  }, async (request) => {
    const claims = verifyUnsubscribeToken(app.config.secret, request.query.token);
    if (!claims) throw new AppError('INVALID_TOKEN');
    const done = await unsubscribe(app.db, claims.userId, claims.communityId);
    if (!done) throw new AppError('INVALID_TOKEN');
    return { ok: true as const, communityName: done.communityName };
  });
}
