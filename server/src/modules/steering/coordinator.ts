import { sql } from 'drizzle-orm';
import { FAMILIES } from '../../../../common/contributions.js';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/query.js';
import { named } from '../../lib/named-query.js';
import { moderationStats } from '../moderation/stats.js';
import { communityStats } from '../questions/stats.js';
import { loadObjectives, type Objective } from './coordinator-objectives.js';
import { memberSeries } from './coordinator-members.js';
import { contributionRows, countContributions } from './families.js';
import { listStaff, loadTargets, staffTarget } from './targets.js';
import { addMonths, monthRange } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

/** Paris weeks (Monday to Sunday) of the month in which each staff member contributed at least once. */
function activeWeeksOf(db: DbOrTx, communityId: number, month: string) {
  const { from, to } = monthRange(month);
  return named<{ user_id: number; weeks: number }>(db, 'steering-active-weeks', sql`${contributionRows({ communityId, from, to, userId: null })}
  SELECT a.user_id::int AS user_id, count(DISTINCT date_trunc('week', a.at AT TIME ZONE ${parisZoneSql}))::int AS weeks
    FROM contribution_rows a GROUP BY 1`);
}

/** The first and last day of a Paris month, 'YYYY-MM-DD'. */
function monthDays(month: string): { from: string; to: string } {
  const { from, to } = monthRange(month);
  return { from, to: new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) };
}

/** The Paris quarter containing `month`: its first month and the first month after it. */
export function quarterOf(month: string): { from: string; to: string; label: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  const first = `${y}-${String(q * 3 + 1).padStart(2, '0')}`;
  return { from: first, to: addMonths(first, 3), label: `T${q + 1} ${y}` };
}

/** Meetings scheduled within the Paris quarter of `month`, and the next one from now (review_meetings_community_scheduled_idx). */
async function quarterMeetings(db: DbOrTx, communityId: number, month: string) {
  const q = quarterOf(month);
  // Timestamps come back as text from db.execute: read as Dates here, as the page compares and formats them.
  const meetings = (await rows<{ id: number; scheduled_at: string }>(db, sql`
     SELECT id::int AS id, scheduled_at FROM review_meetings
      WHERE community_id = ${communityId}
        AND scheduled_at >= (${`${q.from}-01`}::date::timestamp AT TIME ZONE ${parisZoneSql})
        AND scheduled_at < (${`${q.to}-01`}::date::timestamp AT TIME ZONE ${parisZoneSql})
      ORDER BY scheduled_at, id`)).map((r) => ({ id: r.id, scheduled_at: new Date(r.scheduled_at) }));
  return {
    quarter: q.label,
    planned: meetings.length,
    next: meetings.find((r) => r.scheduled_at.getTime() >= Date.now()) ?? null,
    warning: meetings.length === 0,
  };
}

const objectiveTarget = (objectives: Objective[], kind: Objective['kind']) => objectives.find((o) => o.kind === kind)!.target;

/**
 * The coordinator dashboard of one community for one Paris month: objectives and where the
 * community and each staff member stand against them, answer deadlines, moderation, members over
 * twelve months, and whether the quarter's review meeting is planned. Figures are read in parallel.
 */
export async function coordinatorDashboard(db: DbOrTx, communityId: number, month: string, currentMonth: string) {
  const days = monthDays(month);
  const [objectives, staff, targets, contributions, weeks, questions, moderation, members, meetings] = await Promise.all([
    loadObjectives(db, communityId),
    listStaff(db, communityId),
    loadTargets(db, communityId),
    countContributions(db, communityId, month, 1),
    activeWeeksOf(db, communityId, month),
    communityStats(db, communityId, days),
    moderationStats(db, communityId, days),
    memberSeries(db, communityId, addMonths(month, -11), 12),
    quarterMeetings(db, communityId, currentMonth),
  ]);
  const quality = objectiveTarget(objectives, 'quality');
  const regularity = objectiveTarget(objectives, 'regularity');
  const growth = objectiveTarget(objectives, 'growth');
  const thisMonth = members[members.length - 1]!;
  const share = questions.shareWithinDeadline;

  const animators = staff.map((s) => {
    const families = { veille: 0, animation: 0, redaction: 0 };
    for (const c of contributions) if (c.userId === s.id) families[c.family] += c.count;
    const total = FAMILIES.reduce((sum, f) => sum + families[f], 0);
    const target = staffTarget(targets, s);
    const activeWeeks = weeks.find((w) => w.user_id === s.id)?.weeks ?? 0;
    const answers = questions.byAnimator.find((a) => a.user.id === s.id);
    const answerShare = answers?.shareWithinDeadline ?? null;
    return {
      userId: s.id, name: s.name, role: s.role,
      // Only animators carry the monthly target: a coordinator's row shows their contributions, with no target.
      contributions: { total, target, families, met: target === null ? null : total >= target },
      regularity: { activeWeeks, target: regularity, met: activeWeeks >= regularity },
      quality: {
        answered: answers?.answered ?? 0,
        answeredWithinDeadline: answers?.answeredWithinDeadline ?? 0,
        share: answerShare,
        medianSeconds: answers?.medianSeconds ?? null,
        met: answerShare === null ? null : answerShare * 100 >= quality,
      },
    };
  });

  // Regularity is asked of the animators; coordinators appear in the table without counting against it.
  const animatorsOnly = animators.filter((a) => a.role === 'animator');

  return {
    month,
    objectives: objectives.map((o) => {
      const value = o.kind === 'quality' ? (share === null ? null : Math.round(share * 1000) / 10)
        : o.kind === 'growth' ? thisMonth.joined
          : animatorsOnly.length === 0 ? null : animatorsOnly.filter((a) => a.regularity.met).length;
      const met = value === null ? null
        : o.kind === 'regularity' ? value === animatorsOnly.length
          : value >= (o.kind === 'quality' ? quality : growth);
      return { ...o, value, met };
    }),
    animators,
    questions: {
      asked: questions.asked, answered: questions.answered, answeredWithinDeadline: questions.answeredWithinDeadline,
      decided: questions.decided, open: questions.open, overdue: questions.overdue,
      shareWithinDeadline: share, medianSeconds: questions.medianSeconds, p90Seconds: questions.p90Seconds,
    },
    moderation: {
      flagsReceived: moderation.flagsReceived, flagsHandled: moderation.flagsHandled, pending: moderation.pending,
      medianHandleSeconds: moderation.medianHandleSeconds, actions: moderation.actions,
    },
    members,
    meetings: {
      quarter: meetings.quarter,
      planned: meetings.planned,
      warning: meetings.warning,
      next: meetings.next ? { id: meetings.next.id, scheduledAt: meetings.next.scheduled_at.toISOString() } : null,
    },
  };
}
