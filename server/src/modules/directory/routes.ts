import { LIMITS } from '../../../../common/limits.js';
import { findRegion } from '../../../../common/territories.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import { LIMITS_BY_ACTION, limitedWrite, writeContext } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadMemberships } from '../accounts/queries.js';
import { loadUser } from '../accounts/service.js';
import { canSeeDraftMemberships, profileAbilities as accountAbilities } from '../accounts/policy.js';
import { loadCommunityContext } from '../communities/context.js';
import { profileAbilities, seesDraftCommunities } from './policy.js';
import { decodeDirectoryCursor, listContributions, loadProfile, loadSettings, presentContribution, saveSettings, searchDirectory } from './queries.js';
import {
  ContributionPage, DirectoryEntryPage, DirectoryQuery, MemberProfile, Settings, SettingsBody,
} from '../../../../common/api/directory.js';
import { PublicProfile } from '../../../../common/api/accounts.js';

const tags = ['annuaire'];

export default async function directoryRoutes(app: App) {
  app.get('/directory', {
    config: { readReplica: true, auth: 'user' },
    schema: {
      tags, summary: 'Annuaire des membres : nom (sans accents, fautes tolérées), métier, employeur, département, région, e-communauté',
      querystring: DirectoryQuery, response: { 200: DirectoryEntryPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const q = request.query;
    const communityId = q.community ? (await loadCommunityContext(request.readDb, q.community, user)).community.id : undefined;
    const departements = q.region ? findRegion(q.region)?.departements : undefined;
    return searchDirectory(request.readDb, {
      q: q.q, job: q.job, employer: q.employer, departement: q.departement, departements, communityId,
    }, decodeDirectoryCursor(q.cursor), q.limit ?? LIMITS.pageSize);
  });

  app.get('/me/directory-settings', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Ce que mon profil montre, ma présence dans l’annuaire, mes avis de message', response: { 200: Settings, ...errorResponses } },
  }, async (request) => loadSettings(app.db, requireUser(request).id));

  app.patch('/me/directory-settings', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Modifier la visibilité de mon profil et mes avis de message', body: SettingsBody, response: { 200: Settings, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return limitedWrite(writeContext(app, request), [LIMITS_BY_ACTION.write], (tx) => saveSettings(tx, user.id, request.body));
  });

  app.get('/members/:id', {
    config: { readReplica: true, auth: 'user' },
    schema: { tags, summary: 'Profil d’un membre, selon ce qu’il a choisi de montrer', params: IdParam, response: { 200: MemberProfile, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const id = request.params.id;
    const profile = await loadProfile(request.readDb, user, id);
    if (!profile) throw new AppError('USER_NOT_FOUND');
    return {
      ...profile.entry,
      memberships: await loadMemberships(request.readDb, id, seesDraftCommunities(user, id)),
      blockedByMe: profile.blockedByMe,
      can: profileAbilities(user, id, profile.blockedMe),
    };
  });

  app.get('/members/:id/posts', {
    config: { readReplica: true, auth: 'user' },
    schema: {
      tags, summary: 'Contributions publiques d’un membre (publications lisibles par moi), les plus récentes d’abord',
      params: IdParam, querystring: CursorQuery, response: { 200: ContributionPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const id = request.params.id;
    if (!(await loadProfile(request.readDb, user, id))) throw new AppError('USER_NOT_FOUND');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listContributions(request.readDb, user, id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentContribution), nextCursor: page.nextCursor };
  });

  // The accounts module's profile page (older than /members/:id): the account, with employer, job and territory
  // only as the member chose to show them. Profiles hold professional details: signed-in members only.
  app.get('/users/:id', {
    config: { auth: 'user' },
    schema: { tags: ['comptes'], summary: 'Profil public d’un membre', params: IdParam, response: { 200: PublicProfile, ...errorResponses } },
  }, async (request) => {
    const viewer = requireUser(request);
    const user = await loadUser(app.db, request.params.id);
    const shown = (await loadProfile(app.db, viewer, user.id))?.entry;
    return {
      id: user.id, firstName: user.firstName, lastName: user.lastName, employer: shown?.employer ?? '', job: shown?.job ?? '',
      departement: shown?.departement ?? '', bio: user.bio, createdAt: user.createdAt.toISOString(),
      memberships: await loadMemberships(app.db, user.id, canSeeDraftMemberships(viewer, user.id)),
      can: accountAbilities(viewer, user.id),
    };
  });
}
