import { parisMonthNow } from '../../../../common/time/index.js';
import { authorize } from '../../lib/authorize.js';
import { subjectOf } from '../../lib/rate-limit.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { SlugParam } from '../../../../common/api/posts.js';
import { coordinatorDashboard } from './coordinator.js';
import { loadObjectives, setObjectives } from './coordinator-objectives.js';
import { CoordinatorDashboard, MonthQuery, ObjectivesBody, ObjectivesOut } from '../../../../common/api/steering.js';
import { steeringAbilities } from './policy.js';

const tags = ['pilotage'];
const STEERING_ONLY = 'Réservé à la coordination de l’e-communauté et à l’équipe nationale.';

/** The coordination's dashboard and the community's objectives. */
export default async function coordinatorRoutes(app: App) {
  app.get('/communities/:slug/steering/coordinator', {
    config: { readReplica: true, auth: 'user' },
    schema: {
      tags, summary: 'Tableau de bord de coordination : objectifs, animateur·rices, délais de réponse, modération, membres, réunion du trimestre',
      params: SlugParam, querystring: MonthQuery, response: { 200: CoordinatorDashboard, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(steeringAbilities(user, ctx.role), 'readTeam', STEERING_ONLY);
    const now = parisMonthNow();
    return coordinatorDashboard(request.readDb, ctx.community.id, request.query.month ?? now, now);
  });

  app.put('/communities/:slug/steering/objectives', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Fixer les objectifs de l’e-communauté (qualité, croissance, régularité)',
      params: SlugParam, body: ObjectivesBody, response: { 200: ObjectivesOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(steeringAbilities(user, ctx.role), 'setTarget', STEERING_ONLY);
    await setObjectives(app, subjectOf(request), ctx.community.id, request.body, user.id);
    return { objectives: await loadObjectives(app.db, ctx.community.id) };
  });
}
