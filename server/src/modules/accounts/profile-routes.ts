import type { App } from '../../types.js';
import { errorResponses, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { LIMITS } from '../../../../common/limits.js';
import { ChangePasswordBody, Me, ProfileBody, UserHitPage, UserSearchQuery } from '../../../../common/api/accounts.js';
import * as accounts from './service.js';
import { loadMemberships, searchUsersByName } from './queries.js';
import { presentUserSelf } from './presenters.js';

export default async function profileRoutes(app: App) {
  async function me(userId: number) {
    const user = await accounts.loadUser(app.db, userId);
    return { ...presentUserSelf(user), memberships: await loadMemberships(app.db, userId, true) };
  }

  app.get('/me', {
    config: { auth: 'user' },
    schema: { tags: ['comptes'], summary: 'Mon compte et mes e-communautés', response: { 200: Me, ...errorResponses } },
  }, async (request) => me(requireUser(request).id));

  app.patch('/me', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Modifier mon profil', body: ProfileBody, response: { 200: Me, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await accounts.updateProfile(app, user.id, request.body);
    return me(user.id);
  });

  app.post('/me/password', {
    config: { auth: 'user', rateLimit: 'changePassword' },
    schema: { tags: ['comptes'], summary: 'Changer mon mot de passe', body: ChangePasswordBody, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await accounts.changePassword(app, user.id, request.body.currentPassword, request.body.newPassword, request.session!.tokenHash);
    return { ok: true as const };
  });

  // Searching members by name serves pickers (appointing animators): signed-in members only.
  app.get('/users', {
    config: { auth: 'user' },
    schema: {
      tags: ['comptes'], summary: 'Chercher un membre par son nom (insensible aux accents)',
      querystring: UserSearchQuery, response: { 200: UserHitPage, ...errorResponses },
    },
  }, async (request) => {
    // Ranked by similarity, which has no stable keyset: one page of the best matches.
    const items = await searchUsersByName(app.db, request.query.q, request.query.limit ?? LIMITS.pageSize);
    return { items, nextCursor: null };
  });
}
