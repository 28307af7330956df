import type { App } from '../../types.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParam, Ok, Page } from '../../lib/schemas.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { requireUser } from '../../plugins/session.js';
import { LIMITS } from '../../../../common/limits.js';
import { ChangePasswordBody, Me, ProfileBody, PublicProfile, UserHit, UserSearchQuery } from './schema.js';
import * as accounts from './service.js';
import { loadMemberships, searchUsersByName } from './queries.js';
import { presentUserSelf } from './presenters.js';
import { loadProfile } from '../directory/queries.js';
import { canSearchUsers, canSeeDraftMemberships, canViewProfile, profileAbilities } from './policy.js';

// Guessing the current password through this route counts against the login limit.
const CHANGE_PASSWORD = { ...LIMITS_BY_ACTION.passwordCheck, action: 'change-password' };

export default async function profileRoutes(app: App) {
  async function me(userId: number) {
    const user = await accounts.loadUser(app.db, userId);
    return { ...presentUserSelf(user), memberships: await loadMemberships(app.db, userId, true) };
  }

  app.get('/me', {
    schema: { tags: ['comptes'], summary: 'Mon compte et mes e-communautés', response: { 200: Me, ...errorResponses } },
  }, async (request) => me(requireUser(request).id));

  app.patch('/me', {
    schema: { tags: ['comptes'], summary: 'Modifier mon profil', body: ProfileBody, response: { 200: Me, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    await accounts.updateProfile(app, user.id, request.body);
    return me(user.id);
  });

  app.post('/me/password', {
    schema: { tags: ['comptes'], summary: 'Changer mon mot de passe', body: ChangePasswordBody, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await hit(app, CHANGE_PASSWORD, subjectOf(request));
    await accounts.changePassword(app, user.id, request.body.currentPassword, request.body.newPassword, request.session!.tokenHash);
    return { ok: true as const };
  });

  app.get('/users/:id', {
    schema: { tags: ['comptes'], summary: 'Profil public d’un membre', params: IdParam, response: { 200: PublicProfile, ...errorResponses } },
  }, async (request) => {
    if (!canViewProfile(request.user)) throw new AppError('UNAUTHENTICATED');
    const user = await accounts.loadUser(app.db, request.params.id);
    // Employer, job and territory only as the member chose to show them (directory module).
    const shown = (await loadProfile(app.db, request.user!, user.id))?.entry;
    return {
      id: user.id, firstName: user.firstName, lastName: user.lastName, employer: shown?.employer ?? '', job: shown?.job ?? '',
      departement: shown?.departement ?? '', bio: user.bio, createdAt: user.createdAt.toISOString(),
      memberships: await loadMemberships(app.db, user.id, canSeeDraftMemberships(request.user, user.id)),
      can: profileAbilities(request.user, user.id),
    };
  });

  app.get('/users', {
    schema: {
      tags: ['comptes'], summary: 'Chercher un membre par son nom (insensible aux accents)',
      querystring: UserSearchQuery, response: { 200: Page(UserHit), ...errorResponses },
    },
  }, async (request) => {
    if (!canSearchUsers(request.user)) throw new AppError('UNAUTHENTICATED');
    // Ranked by similarity, which has no stable keyset: one page of the best matches.
    const items = await searchUsersByName(app.db, request.query.q, request.query.limit ?? LIMITS.pageSize);
    return { items, nextCursor: null };
  });
}
