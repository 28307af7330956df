import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { SlugParam } from '../../../../common/api/posts.js';
import { steeringAbilities } from './policy.js';
import { AnimatorDashboard, AnimatorQuery, TargetBody, TargetOut, TargetResetQuery } from '../../../../common/api/steering.js';
import { animatorDashboard, AUDIENCE_SECONDS, presentTargets, type AudienceCache } from './service.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { listStaff, loadTargets, saveTarget } from './targets.js';
import { parisMonthNow } from '../../../../common/time/index.js';

const tags = ['pilotage'];

export default async function steeringRoutes(app: App) {
  // Per instance: every animator and coordinator of a community shares its audience figures.
  const audience: AudienceCache = new TtlCache(AUDIENCE_SECONDS * 1000, 500);

  app.get('/communities/:slug/steering/animator', {
    config: { auth: 'user', readReplica: true },
    schema: {
      tags, summary: 'Tableau de bord d’un·e animateur·rice : contributions du mois face à l’objectif, questions, membres, lectures',
      params: SlugParam, querystring: AnimatorQuery, response: { 200: AnimatorDashboard, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(request.readDb, request.params.slug, user);
    const month = request.query.month ?? parisMonthNow();
    return animatorDashboard(request.readDb, audience, ctx, user, request.query.animatorId ?? user.id, month);
  });

  app.put('/communities/:slug/steering/target', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags, summary: 'Fixer l’objectif mensuel de contributions (coordination, administration nationale)',
      params: SlugParam, body: TargetBody, response: { 200: TargetOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(steeringAbilities(user, ctx.role), 'setTarget');
    const userId = request.body.userId ?? null;
    await ensureStaff(ctx.community.id, userId);
    await saveTarget(app.db, ctx.community.id, userId, request.body.monthlyTarget, user.id);
    return presentTargets(await loadTargets(app.db, ctx.community.id));
  });

  app.delete('/communities/:slug/steering/target', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags, summary: 'Revenir à l’objectif par défaut (ou, pour un·e animateur·rice, à celui de l’e-communauté)',
      params: SlugParam, querystring: TargetResetQuery, response: { 200: TargetOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(steeringAbilities(user, ctx.role), 'setTarget');
    const userId = request.query.userId ?? null;
    await ensureStaff(ctx.community.id, userId);
    await saveTarget(app.db, ctx.community.id, userId, null, user.id);
    return presentTargets(await loadTargets(app.db, ctx.community.id));
  });

  /** A per-animator target only for someone who animates or coordinates the community. */
  async function ensureStaff(communityId: number, userId: number | null) {
    if (userId === null) return;
    const staff = await listStaff(app.db, communityId);
    if (!staff.some((s) => s.id === userId)) throw new AppError('USER_NOT_FOUND', 'Cette personne n’anime pas cette e-communauté.');
  }
}
