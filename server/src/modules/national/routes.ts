import type { Static } from 'typebox';
import { authorize } from '../../lib/authorize.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { SlugParam } from '../../../../common/api/posts.js';
import { communityAudience } from './audience.js';
import { nationalDashboardJson } from './dashboard.js';
import { audienceAbilities, nationalAbilities } from './policy.js';
import { refreshRollups } from './rollups.js';
import { Audience, NationalDashboard, RefreshResult, WizardBody, WizardResult } from '../../../../common/api/national.js';
import { createCommunityFromWizard } from './wizard.js';

const tags = ['pilotage national'];

export default async function nationalRoutes(app: App) {
  const requireAdmin = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    authorize(nationalAbilities(user), 'steer');
    return user;
  };

  app.get('/national/dashboard', {
    config: { auth: 'user', readReplica: true },
    schema: { tags, summary: 'Tableau de bord national : les e-communautés côte à côte et la série du réseau', response: { 200: NationalDashboard, ...errorResponses } },
  }, async (request, reply) => {
    requireAdmin(request);
    // Already serialized (a string skips the serializer): the type system only knows the object form.
    const body = (await nationalDashboardJson(request.readDb, app.db)) as unknown as Static<typeof NationalDashboard>;
    return reply.type('application/json; charset=utf-8').header('cache-control', 'private, no-store').send(body);
  });

  app.post('/national/dashboard/refresh', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Recalculer maintenant les indicateurs nationaux', response: { 200: RefreshResult, ...errorResponses } },
  }, async (request) => {
    requireAdmin(request);
    return { refreshedAt: (await refreshRollups(app.db)).toISOString() };
  });

  app.post('/national/communities', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: {
      tags, summary: 'Créer une e-communauté avec son équipe (brouillon jusqu’à sa date de lancement)',
      body: WizardBody, response: { 201: WizardResult, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireAdmin(request);
    return reply.status(201).send(await createCommunityFromWizard(app.db, request.body, user.id));
  });

  app.get('/communities/:slug/audience', {
    config: { auth: 'user', readReplica: true },
    schema: { tags, summary: 'Audience d’une e-communauté : membres, actifs par jour et par mois, lectures', params: SlugParam, response: { 200: Audience, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(request.readDb, request.params.slug, user);
    authorize(audienceAbilities(user, ctx.role), 'view');
    return communityAudience(request.readDb, ctx.community.id);
  });
}
