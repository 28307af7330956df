import { addWorkingDays } from './holidays.js';
import { fromParisWallClock, parisWallClock } from './paris.js';

/**
 * The answer deadline of a question, computed on the Europe/Paris wall clock: a question asked
 * on Friday at 15:00 with 3 days is due Monday at 15:00 (calendar) or Wednesday at 15:00
 * (working days, French public holidays excluded), whatever daylight-saving change happens in between.
 */

export type DeadlineMode = 'calendar' | 'working';

export interface DeadlineRule {
  days: number;
  mode: DeadlineMode;
}

export const DEFAULT_RULE: DeadlineRule = { days: 3, mode: 'calendar' };

/**
 * A due time skipped by the spring change (02:30 on the last Sunday of March) lands one hour later, like a clock
 * moved forward; one that happens twice in October is the later occurrence, which leaves the full delay.
 */
export function computeDeadline(askedAt: Date, rule: DeadlineRule): Date {
  const w = parisWallClock(askedAt);
  const askedDay = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const dueDay = rule.mode === 'working'
    ? addWorkingDays(askedDay, rule.days)
    : new Date(askedDay.getTime() + rule.days * 86_400_000);
  return fromParisWallClock({ ...w, year: dueDay.getUTCFullYear(), month: dueDay.getUTCMonth() + 1, day: dueDay.getUTCDate() }, 'later');
}
