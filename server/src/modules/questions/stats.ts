import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { parisZoneSql } from '../../../../common/time/sql.js';
import { addDays, daysBetween, parisToday, parseDate } from '../../../../common/time/index.js';

/**
 * Figures over the questions ASKED in a period (Paris calendar days, both ends included).
 * Time to first response = answered_at - asked_at (see service.ts for what "answered" means).
 * The share within the deadline only counts questions whose outcome is known: answered, or
 * past their deadline. A question still open with time left is neither a success nor a failure yet.
 */

export interface Period {
  from: string;
  to: string;
}

const MAX_DAYS = 5 * 366;

/** Checks a period given as two 'YYYY-MM-DD' days; anything else is INVALID_PERIOD (400). */
export function parsePeriod(from: string | undefined, to: string | undefined, today = new Date()): Period {
  // Paris days: from midnight in Paris to 01:00 (23:00 UTC in winter) the UTC date is still the day before.
  const end = to ?? parisToday(today);
  if (!parseDate(end) || (from !== undefined && !parseDate(from))) throw new AppError('INVALID_PERIOD');
  const start = from ?? addDays(end, -89);
  const days = daysBetween(start, end);
  if (days < 0) throw new AppError('INVALID_PERIOD', 'La date de début doit précéder la date de fin.');
  if (days > MAX_DAYS) throw new AppError('INVALID_PERIOD', 'La période ne peut pas dépasser cinq ans.');
  return { from: start, to: end };
}

export interface Figures {
  asked: number;
  answered: number;
  answeredWithinDeadline: number;
  /** Answered, or past their deadline. */
  decided: number;
  open: number;
  overdue: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

interface FigureRow extends Figures, Record<string, unknown> {}
interface ResponderRow extends Record<string, unknown> {
  user_id: number;
  first_name: string;
  last_name: string;
  answered: number;
  within: number;
  median: number | null;
  p90: number | null;
}

/**
 * The one definition of the question indicators (answered in time, median delay…), used by the coordination and
 * animator dashboards, the activity reports and their exports, and the national rollups: over rows `q` of questions.
 */
export const QUESTION_FIGURES_SQL = `
  count(*)::int AS "asked",
  count(q.answered_at)::int AS "answered",
  (count(*) FILTER (WHERE q.answered_at <= q.deadline_at))::int AS "answeredWithinDeadline",
  (count(*) FILTER (WHERE q.answered_at IS NOT NULL OR q.deadline_at < now()))::int AS "decided",
  (count(*) FILTER (WHERE q.answered_at IS NULL))::int AS "open",
  (count(*) FILTER (WHERE q.answered_at IS NULL AND q.deadline_at < now()))::int AS "overdue",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q.answered_at - q.asked_at)) AS "medianSeconds",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM q.answered_at - q.asked_at)) AS "p90Seconds"`;
const FIGURES = sql.raw(QUESTION_FIGURES_SQL);

export async function communityStats(db: DbOrTx, communityId: number, period: Period) {
  // Served by questions_community_asked_idx (community_id, asked_at).
  const from = sql`FROM questions q JOIN posts p ON p.id = q.post_id AND p.deleted_at IS NULL`;
  const where = sql`
   WHERE q.community_id = ${communityId}
     AND q.asked_at >= (${period.from}::date)::timestamp AT TIME ZONE ${parisZoneSql}
     AND q.asked_at < ((${period.to}::date + 1))::timestamp AT TIME ZONE ${parisZoneSql}`;
  const [total, responders] = await Promise.all([
    db.execute<FigureRow>(sql`SELECT ${FIGURES} ${from} ${where}`),
    db.execute<ResponderRow>(sql`
      SELECT u.id AS user_id, u.first_name, u.last_name, count(*)::int AS answered,
             (count(*) FILTER (WHERE q.answered_at <= q.deadline_at))::int AS within,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q.answered_at - q.asked_at)) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM q.answered_at - q.asked_at)) AS p90
        ${from} JOIN users u ON u.id = q.answered_by
        ${where} AND q.answered_by_staff
       GROUP BY u.id, u.first_name, u.last_name
       ORDER BY answered DESC, u.last_name, u.id`),
  ]);
  const t = total.rows[0]!;
  const num = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));
  return {
    period,
    ...t,
    medianSeconds: num(t.medianSeconds),
    p90Seconds: num(t.p90Seconds),
    shareWithinDeadline: t.decided === 0 ? null : t.answeredWithinDeadline / t.decided,
    byAnimator: responders.rows.map((r) => ({
      user: { id: r.user_id, firstName: r.first_name, lastName: r.last_name },
      answered: r.answered,
      answeredWithinDeadline: r.within,
      shareWithinDeadline: r.answered === 0 ? null : r.within / r.answered,
      medianSeconds: num(r.median),
      p90Seconds: num(r.p90),
    })),
  };
}
