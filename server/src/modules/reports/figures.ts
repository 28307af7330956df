import { sql } from 'drizzle-orm';
import { CONTRIBUTION_SOURCES, FAMILIES, FAMILY_LABELS } from '../../../../common/contributions.js';
import type { DbOrTx } from '../../db/client.js';
import { one, rows } from '../../db/query.js';
import { moderationStats } from '../moderation/stats.js';
import { communityStats } from '../questions/stats.js';
import { formatsUsed } from '../steering/dashboard.js';
import { countContributions } from '../steering/families.js';
import { memberSeries, type MemberMonth } from '../steering/coordinator-members.js';
import { loadTargets, targetOf } from '../steering/targets.js';
import { lastDayOfMonth } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

/**
 * The figures of an activity report: one animator, one community, whole Paris months.
 * Contributions are the author's (steering/families.ts); everything else is the community's.
 * Every figure is read from the tables that hold it, nothing is estimated.
 */

export interface ReportPeriod {
  /** 'YYYY-MM' of the first and last month, both included. */
  fromMonth: string;
  toMonth: string;
}

export function periodMonths(p: ReportPeriod): string[] {
  const out: string[] = [];
  let [y, m] = p.fromMonth.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= p.toMonth) return out;
    m += 1;
    if (m === 13) { m = 1; y += 1; }
  }
}

/** 'YYYY-MM-DD' of the first day of the first month and of the last day of the last month. */
export function periodDays(p: ReportPeriod): { from: string; to: string } {
  return { from: `${p.fromMonth}-01`, to: lastDayOfMonth(p.toMonth) };
}

const sumBy = <T,>(lists: T[][], key: (t: T) => string, value: (t: T) => number) => {
  const map = new Map<string, number>();
  for (const list of lists) for (const t of list) map.set(key(t), (map.get(key(t)) ?? 0) + value(t));
  return [...map].map(([k, n]) => ({ k, n })).sort((a, b) => b.n - a.n || a.k.localeCompare(b.k));
};

export interface ReportFigures {
  period: { fromMonth: string; toMonth: string; from: string; to: string };
  members: { atStart: number; atEnd: number; joined: number; growthRate: number | null; active: number };
  monthly: MemberMonth[];
  contributions: {
    total: number;
    target: number;
    families: { code: string; label: string; count: number; sources: { code: string; label: string; count: number }[] }[];
  };
  formats: { kinds: { kind: string; count: number }[]; attachments: { format: string; count: number }[]; embeds: { provider: string; count: number }[] };
  questions: { asked: number; answered: number; answeredWithinDeadline: number; decided: number; shareWithinDeadline: number | null; medianSeconds: number | null };
  moderation: { flagsReceived: number; flagsHandled: number; medianHandleSeconds: number | null; actions: { action: string; count: number }[] };
  agenda: { eventsHeld: number; eventsAdded: number };
  polls: { launched: number; votes: number; resultsPublished: number };
  /** « Ressources CNFPT » the animator put forward over the period; absent from reports frozen before it was counted. */
  cnfptResources?: number;
  mostRead: { postId: number; title: string; value: number }[];
}

export async function reportFigures(db: DbOrTx, communityId: number, authorId: number, p: ReportPeriod): Promise<ReportFigures> {
  const months = periodMonths(p);
  const days = periodDays(p);
  const c = communityId;
  // Paris-local bounds of the period, shared by the plain SQL below.
  const lo = sql`(${days.from}::date::timestamp AT TIME ZONE ${parisZoneSql})`;
  const hi = sql`((${days.to}::date + 1)::timestamp AT TIME ZONE ${parisZoneSql})`;
  const [series, active, contributions, targets, formats, questions, moderation, agenda, polls, cnfpt, read] = await Promise.all([
    memberSeries(db, communityId, p.fromMonth, months.length),
    one<{ n: number }>(db, sql`
      SELECT count(DISTINCT user_id)::int AS n FROM member_activity_daily WHERE community_id = ${c} AND day BETWEEN ${days.from}::date AND ${days.to}::date`),
    countContributions(db, communityId, p.fromMonth, months.length, authorId),
    loadTargets(db, communityId),
    Promise.all(months.map((m) => formatsUsed(db, communityId, authorId, m))),
    communityStats(db, communityId, days),
    moderationStats(db, communityId, days),
    one<{ held: number; added: number }>(db, sql`
       SELECT (SELECT count(*) FROM events e JOIN posts p ON p.id = e.post_id
                WHERE e.community_id = ${c} AND e.starts_at >= ${lo} AND e.starts_at < ${hi} AND p.deleted_at IS NULL)::int AS held,
              (SELECT count(*) FROM events e JOIN posts p ON p.id = e.post_id
                WHERE e.community_id = ${c} AND e.created_at >= ${lo} AND e.created_at < ${hi} AND p.deleted_at IS NULL)::int AS added`),
    one<{ launched: number; votes: number; results: number }>(db, sql`
       WITH launched AS (
         SELECT pl.post_id FROM polls pl JOIN posts p ON p.id = pl.post_id
          WHERE pl.community_id = ${c} AND pl.created_at >= ${lo} AND pl.created_at < ${hi} AND p.deleted_at IS NULL)
       SELECT (SELECT count(*) FROM launched)::int AS launched,
              (SELECT count(*) FROM poll_votes v WHERE v.poll_id IN (SELECT post_id FROM launched))::int AS votes,
              (SELECT count(*) FROM polls pl JOIN posts r ON r.id = pl.results_post_id
                WHERE pl.community_id = ${c} AND r.created_at >= ${lo} AND r.created_at < ${hi} AND r.deleted_at IS NULL)::int AS results`),
    // Over posts_cnfpt_month_idx.
    one<{ n: number }>(db, sql`
       SELECT count(*)::int AS n FROM posts WHERE community_id = ${c} AND created_at >= ${lo} AND created_at < ${hi}
          AND cnfpt_type IS NOT NULL AND deleted_at IS NULL AND author_id = ${authorId}`),
    mostReadOver(db, communityId, days.from, days.to),
  ]);

  const atStart = series.length ? series[0]!.total - series[0]!.joined : 0;
  const atEnd = series.length ? series[series.length - 1]!.total : 0;
  const joined = series.reduce((s, m) => s + m.joined, 0);
  const families = byFamily(contributions);
  return {
    period: { ...p, ...days },
    members: { atStart, atEnd, joined, growthRate: atStart === 0 ? null : joined / atStart, active: active.n },
    monthly: series,
    contributions: {
      total: families.reduce((s, f) => s + f.count, 0),
      target: targetOf(targets, authorId) * months.length,
      families,
    },
    formats: formatTotals(formats),
    questions: {
      asked: questions.asked,
      answered: questions.answered,
      answeredWithinDeadline: questions.answeredWithinDeadline,
      decided: questions.decided,
      shareWithinDeadline: questions.shareWithinDeadline,
      medianSeconds: questions.medianSeconds,
    },
    moderation: {
      flagsReceived: moderation.flagsReceived,
      flagsHandled: moderation.flagsHandled,
      medianHandleSeconds: moderation.medianHandleSeconds,
      actions: moderation.actions,
    },
    agenda: { eventsHeld: agenda.held, eventsAdded: agenda.added },
    polls: { launched: polls.launched, votes: polls.votes, resultsPublished: polls.results },
    cnfptResources: cnfpt.n,
    mostRead: read,
  };
}

/** The period's contributions by family, each with its sources, in the order of common/contributions. */
function byFamily(contributions: { source: string; count: number }[]) {
  const bySource = new Map<string, number>();
  for (const c of contributions) bySource.set(c.source, (bySource.get(c.source) ?? 0) + c.count);
  return FAMILIES.map((code) => {
    const sources = CONTRIBUTION_SOURCES.filter((s) => s.family === code).map((s) => ({ code: s.code, label: s.label, count: bySource.get(s.code) ?? 0 }));
    return { code, label: FAMILY_LABELS[code], count: sources.reduce((s, x) => s + x.count, 0), sources };
  });
}

/** The formats used month by month, added up over the period. */
function formatTotals(formats: Awaited<ReturnType<typeof formatsUsed>>[]): ReportFigures['formats'] {
  return {
    kinds: sumBy(formats.map((f) => f.kinds), (k) => k.kind, (k) => k.count).map(({ k, n }) => ({ kind: k, count: n })),
    attachments: sumBy(formats.map((f) => f.attachments), (a) => a.format, (a) => a.count).map(({ k, n }) => ({ format: k, count: n })),
    embeds: sumBy(formats.map((f) => f.embeds), (e) => e.provider, (e) => e.count).map(({ k, n }) => ({ provider: k, count: n })),
  };
}

/** Most read posts over Paris days (post_views_daily_community_day_idx): steering's mostRead, over a period. */
function mostReadOver(db: DbOrTx, communityId: number, from: string, to: string, limit = 5) {
  return rows<{ postId: number; title: string; value: number }>(db, sql`
     SELECT v.post_id::int AS "postId", p.title, v.views::int AS value
       FROM (SELECT post_id, sum(views) AS views FROM post_views_daily
              WHERE community_id = ${communityId} AND day BETWEEN ${from}::date AND ${to}::date GROUP BY post_id) v
       JOIN posts p ON p.id = v.post_id
      WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
      ORDER BY v.views DESC, v.post_id DESC LIMIT ${limit}`);
}

/** The figures of a report as submitted, or computed now while it is a draft. */
export async function figuresOf(
  db: DbOrTx,
  report: { figures: ReportFigures | null; community_id: number; author_id: number },
  meeting: { from_month: string; to_month: string },
): Promise<ReportFigures> {
  if (report.figures) return report.figures;
  return reportFigures(db, report.community_id, report.author_id, { fromMonth: meeting.from_month, toMonth: meeting.to_month });
}
