import { addDays, addWorkingDays } from './holidays.js';

/**
 * The answer deadline of a question, computed on the Europe/Paris wall clock: a question asked
 * on Friday at 15:00 with 3 days is due Monday at 15:00 (calendar) or Wednesday at 15:00
 * (working days), whatever daylight-saving change happens in between.
 */

export type DeadlineMode = 'calendar' | 'working';

export interface DeadlineRule {
  days: number;
  mode: DeadlineMode;
}

export const DEFAULT_RULE: DeadlineRule = { days: 3, mode: 'calendar' };

const TZ = 'Europe/Paris';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

interface WallClock {
  year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number;
}

/** The Paris wall-clock reading of an instant. */
export function parisWallClock(at: Date): WallClock {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year), month: Number(p.month), day: Number(p.day),
    hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second), ms: at.getUTCMilliseconds(),
  };
}

/** Paris offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(instant: number): number {
  const w = parisWallClock(new Date(instant));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - instant;
}

/**
 * The instant a Paris wall-clock reading stands for. A time skipped by the spring change
 * (02:30 on the last Sunday of March) lands one hour later, like a clock moved forward.
 */
export function fromParisWallClock(w: WallClock): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

export function computeDeadline(askedAt: Date, rule: DeadlineRule): Date {
  const w = parisWallClock(askedAt);
  const askedDay = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const dueDay = rule.mode === 'working' ? addWorkingDays(askedDay, rule.days) : addDays(askedDay, rule.days);
  return fromParisWallClock({ ...w, year: dueDay.getUTCFullYear(), month: dueDay.getUTCMonth() + 1, day: dueDay.getUTCDate() });
}
