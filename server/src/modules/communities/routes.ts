import type { App } from '../../types.js';
import { authorize } from '../../lib/authorize.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { loadCommunityContext } from './context.js';
import { networkAbilities } from './policy.js';
import { listDirectory, listMembers, loadCommunity } from './queries.js';
import {
  Community, CommunitySummaryPage, CreateBody, DirectoryQuery, MemberPage, MembersQuery, RoleBody, RoleParams, RoleResult, SlugParams,
  UpdateBody,
} from '../../../../common/api/communities.js';
import * as service from './service.js';

const tags = ['E-communautés'];

export default async function communitiesRoutes(app: App) {
  app.get('/communities', {
    schema: { tags, summary: 'Annuaire des e-communautés', querystring: DirectoryQuery, response: { 200: CommunitySummaryPage, ...errorResponses } },
  }, async (request) => listDirectory(app.db, request.user, request.query));

  app.get('/communities/:slug', {
    schema: { tags, summary: 'Fiche d’une e-communauté', params: SlugParams, response: { 200: Community, ...errorResponses } },
  }, async (request) => loadCommunity(app.db, request.params.slug, request.user));

  app.post('/communities', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Créer une e-communauté (équipe nationale)', body: CreateBody, response: { 201: Community, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    authorize(networkAbilities(user), 'createCommunity');
    const id = await service.createCommunity(app.db, request.body);
    return reply.status(201).send(await loadCommunity(app.db, id, user));
  });

  app.patch('/communities/:slug', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Modifier une e-communauté', params: SlugParams, body: UpdateBody, response: { 200: Community, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const id = await service.updateCommunity(app.db, request.params.slug, user, request.body);
    return loadCommunity(app.db, id, user);
  });

  app.post('/communities/:slug/membership', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Rejoindre une e-communauté', params: SlugParams, response: { 200: Community, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const id = await service.join(app.db, request.params.slug, user);
    return loadCommunity(app.db, id, user);
  });

  app.delete('/communities/:slug/membership', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Quitter une e-communauté', params: SlugParams, response: { 200: Community, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const id = await service.leave(app.db, request.params.slug, user);
    return loadCommunity(app.db, id, user);
  });

  // Names, employers and jobs of agents: shown to signed-in people only.
  app.get('/communities/:slug/members', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Membres d’une e-communauté', params: SlugParams, querystring: MembersQuery, response: { 200: MemberPage, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { community } = await loadCommunityContext(app.db, request.params.slug, user);
    return listMembers(app.db, community.id, request.query);
  });

  app.put('/communities/:slug/roles/:userId', {
    config: { reauth: true, auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Attribuer un rôle dans une e-communauté', params: RoleParams, body: RoleBody, response: { 200: RoleResult, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return service.setRole(app.db, request.params.slug, user, request.params.userId, request.body.role);
  });
}

