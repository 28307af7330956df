import {
  balanceMessage, CONTRIBUTION_SOURCES, FAMILIES, FAMILY_LABELS, underRepresented, type ContributionFamily,
} from '../../../../common/contributions.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityContext } from '../communities/context.js';
import type { TtlCache } from '../../lib/ttl-cache.js';
import {
  cnfptPromoted, formatsUsed, memberGrowth, mostRead, mostUseful, waitingFlags, waitingQuestions, type MemberMonth, type TopPost,
} from './dashboard.js';
import { countContributions, type ContributionCount } from './families.js';
import { canReadAnimator, steeringAbilities } from './policy.js';
import { listStaff, loadTargets, staffTarget, type Targets } from './targets.js';

type FamilyCounts = Record<ContributionFamily, number>;

function familyCounts(rows: ContributionCount[], userId: number): FamilyCounts {
  const counts: FamilyCounts = { veille: 0, animation: 0, redaction: 0 };
  for (const r of rows) if (r.userId === userId) counts[r.family] += r.count;
  return counts;
}

export function presentTargets(targets: Targets) {
  return {
    community: targets.community,
    communityIsDefault: targets.communityIsDefault,
    byUser: [...targets.byUser].map(([userId, monthlyTarget]) => ({ userId, monthlyTarget })),
  };
}

export interface Audience { members: MemberMonth[]; mostRead: TopPost[]; mostUseful: TopPost[] }

/** The community's audience figures, the same for every reader: kept a minute per instance (`audienceAt` says when). */
export type AudienceCache = TtlCache<Audience>;
export const AUDIENCE_SECONDS = 60;

function audienceOf(db: DbOrTx, cache: AudienceCache, communityId: number, month: string) {
  return cache.get(`${communityId}:${month}`, async () => {
    const [members, mostRead_, mostUseful_] = await Promise.all([
      memberGrowth(db, communityId, month), mostRead(db, communityId, month), mostUseful(db, communityId, month),
    ]);
    return { members, mostRead: mostRead_, mostUseful: mostUseful_ };
  });
}

/**
 * The animator dashboard for one staff member and one Paris month. Every figure is read
 * in parallel off its own index; the contribution counts come from families.ts only. What the
 * animator acts on (contributions, questions, flags, targets) is read live; the audience comes from `cache`.
 */
export async function animatorDashboard(
  db: DbOrTx, cache: AudienceCache, ctx: CommunityContext, viewer: CurrentUser, animatorId: number, month: string,
) {
  if (!canReadAnimator(viewer, ctx.role, animatorId)) throw new AppError('FORBIDDEN');
  const communityId = ctx.community.id;
  const can = steeringAbilities(viewer, ctx.role);
  const [staff, targets, contributions, formats, questions, flagsWaiting, cnfptResources, audience] = await Promise.all([
    listStaff(db, communityId),
    loadTargets(db, communityId),
    // The team's counts when the viewer may see them, else only the animator's own.
    countContributions(db, communityId, month, 1, can.readTeam ? null : animatorId),
    formatsUsed(db, communityId, animatorId, month),
    waitingQuestions(db, communityId),
    waitingFlags(db, communityId),
    cnfptPromoted(db, communityId, animatorId, month),
    audienceOf(db, cache, communityId, month),
  ]);
  const self = staff.find((s) => s.id === animatorId);
  if (!self && animatorId !== viewer.id) throw new AppError('USER_NOT_FOUND');
  const name = self?.name ?? `${viewer.firstName} ${viewer.lastName}`;

  const counts = familyCounts(contributions, animatorId);
  const total = FAMILIES.reduce((sum, f) => sum + counts[f], 0);
  const bySource = new Map<string, number>();
  for (const r of contributions) if (r.userId === animatorId) bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.count);
  const low = underRepresented(counts);

  return {
    month,
    animator: { id: animatorId, name },
    // Null for a coordinator: only animators carry the monthly target.
    target: self ? staffTarget(targets, self) : null,
    total,
    families: FAMILIES.map((code) => ({
      code,
      label: FAMILY_LABELS[code],
      count: counts[code],
      share: total === 0 ? 0 : counts[code] / total,
      sources: CONTRIBUTION_SOURCES.filter((s) => s.family === code)
        .map((s) => ({ code: s.code, label: s.label, description: s.description, count: bySource.get(s.code) ?? 0 })),
    })),
    balance: { balanced: total > 0 && low.length === 0, message: balanceMessage(counts), low },
    formats,
    questions,
    flagsWaiting,
    cnfptResources,
    ...audience.value,
    audienceAt: new Date(audience.at).toISOString(),
    team: can.readTeam
      ? staff.map((s) => {
        const f = familyCounts(contributions, s.id);
        return { userId: s.id, name: s.name, role: s.role, total: f.veille + f.animation + f.redaction, target: staffTarget(targets, s), families: f };
      })
      : null,
    targets: can.setTarget ? presentTargets(targets) : null,
    can,
  };
}
