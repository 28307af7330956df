import type { App } from '../../types.js';
import { authorize } from '../../lib/authorize.js';
import { errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { mfaAdminAbilities } from './policy.js';
import { resetFactors } from './admin.js';

export default async function adminRoutes(app: App) {
  app.post('/national/users/:id/second-factor/reset', {
    // Removing someone's second factor opens their account to whoever has their password: a fresh proof first.
    config: { auth: 'user', rateLimit: 'moderate', reauth: true },
    schema: {
      tags: ['national'], summary: 'Réinitialiser les seconds facteurs d’une personne (journalisé, courriel à la personne)',
      params: IdParam, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(mfaAdminAbilities(user), 'resetFactors');
    await resetFactors(app, user.id, request.params.id);
    return { ok: true as const };
  });
}
