import type { App } from '../../types.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { endOtherSessions, endSession, listSessions } from './devices.js';
import { DeviceSessionList, Ended } from '../../../../common/api/devices.js';

const tags = ['comptes'];

/**
 * « Mes appareils ». Ending sessions is a sensitive action (reauth): a stolen session must not be able to
 * sign its owner out everywhere and keep the account to itself.
 */
export default async function devicesRoutes(app: App) {
  app.get('/me/sessions', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Mes appareils : mes sessions ouvertes (la plus récente d’abord, 50 au plus)',
      response: { 200: DeviceSessionList, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return { items: await listSessions(app, user.id, request.session!.tokenHash) };
  });

  app.delete('/me/sessions/:id', {
    config: { reauth: true, auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Déconnecter un autre de mes appareils', params: IdParam, response: { 200: Ended, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await endSession(app, user.id, request.params.id, request.session!.tokenHash);
    return { ended: 1 };
  });

  app.delete('/me/other-sessions', {
    config: { reauth: true, auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Déconnecter tous mes autres appareils', response: { 200: Ended, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    // One DELETE: its own transaction.
    return { ended: await endOtherSessions(app.db, user.id, request.session!.tokenHash) };
  });
}
