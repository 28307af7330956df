/**
 * Calendar arithmetic on days ('YYYY-MM-DD') and months ('YYYY-MM'): no time zone is involved here; which day
 * or month it is *now* in Paris is `parisToday` / `parisMonthNow` in `./paris.ts`.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** Parses 'YYYY-MM-DD' strictly (no Feb 30), or returns null. */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2999 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Parses 'HH:MM' (00:00–23:59), or returns null. */
export function parseTime(text: string): { hour: number; minute: number } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/** The day `days` after (or before, when negative) a 'YYYY-MM-DD' day. */
export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  if (!d) throw new Error(`date invalide : ${date}`);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** 'YYYY-MM' as numbers; like `Date.UTC`, an out-of-range month rolls over (callers validate their input first). */
function monthParts(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [y, m];
}

/** The month `delta` months after (or before) a 'YYYY-MM' month. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = monthParts(month);
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

/** The last day ('YYYY-MM-DD') of a 'YYYY-MM' month. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = monthParts(month);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The first and last days of a 'YYYY-MM' month, both inclusive. */
export function monthBounds(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: lastDayOfMonth(month) };
}

/** A span of `months` months from 'YYYY-MM', half-open: its first day and the first day after it ('YYYY-MM-DD'). */
export function monthRange(month: string, months = 1): { from: string; to: string } {
  return { from: `${month}-01`, to: `${addMonths(month, months)}-01` };
}
