import { authorize } from '../../lib/authorize.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { canSetRoster, rosterAbilities } from './policy.js';
import { currentWeek, dutyTeam, dutyWeeks } from './queries.js';
import { Roster, RosterQuery, SetDutyBody, SlugParam, WeekParams } from '../../../../common/api/roster.js';
import { clearDuty, setDuty } from './service.js';
import { addWeeks, assertMonday, mondayOf } from './week.js';

const tags = ['astreinte'];
const DEFAULT_WEEKS = 8;

export default async function rosterRoutes(app: App) {
  async function roster(communityId: number, from: string, weeks: number, edit: boolean) {
    const last = addWeeks(from, weeks - 1);
    const [assigned, team, current] = await Promise.all([dutyWeeks(app.db, communityId, from, last), dutyTeam(app.db, communityId), currentWeek(app.db)]);
    const byWeek = new Map(assigned.map((d) => [d.week_start, d]));
    return {
      currentWeek: current,
      weeks: Array.from({ length: weeks }, (_, i) => {
        const weekStart = addWeeks(from, i);
        const d = byWeek.get(weekStart);
        return { weekStart, animator: d ? { id: d.animator_id, firstName: d.first_name, lastName: d.last_name } : null };
      }),
      team: team.map((t) => ({ id: t.id, firstName: t.first_name, lastName: t.last_name, role: t.role })),
      can: { edit },
    };
  }

  app.get('/communities/:slug/duty-roster', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Tour d’astreinte de l’équipe d’animation, semaine par semaine (équipe d’animation)',
      params: SlugParam, querystring: RosterQuery, response: { 200: Roster, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(ctx.can, 'moderate', 'Le tour d’astreinte est réservé à l’équipe d’animation.');
    const from = request.query.from ? mondayOf(request.query.from) : await currentWeek(app.db);
    assertMonday(from, 'from');
    return roster(ctx.community.id, from, request.query.weeks ?? DEFAULT_WEEKS, canSetRoster(user, ctx.community, ctx.role));
  });

  app.put('/communities/:slug/duty-roster/:week', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Désigner la personne d’astreinte d’une semaine (par son lundi)',
      params: WeekParams, body: SetDutyBody, response: { 200: Roster, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    assertMonday(request.params.week);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(rosterAbilities(user, ctx.community, ctx.role), 'set', 'Seuls la coordination et les animateurs organisent l’astreinte.');
    await setDuty(app.db, ctx.community.id, request.params.week, request.body.animatorId, user.id);
    return roster(ctx.community.id, request.params.week, 1, true);
  });

  app.delete('/communities/:slug/duty-roster/:week', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Laisser une semaine sans astreinte', params: WeekParams, response: { 200: Roster, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    assertMonday(request.params.week);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(rosterAbilities(user, ctx.community, ctx.role), 'set', 'Seuls la coordination et les animateurs organisent l’astreinte.');
    await clearDuty(app.db, ctx.community.id, request.params.week);
    return roster(ctx.community.id, request.params.week, 1, true);
  });
}
