import { addDays, isWorkingDay } from '../../../common/time/index.js';

/**
 * Dates of the demo's meetings and events, relative to the day the demo is loaded but placed as people would:
 * on working days (no weekend, no French public holiday), never in the year-end break, and named after the
 * season they fall in. Pure functions of a Paris calendar day ('YYYY-MM-DD'), so a test can try every day of a year.
 */

const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** 24 December – 1 January: offices closed or half-empty, nothing is organised. */
function inYearEndBreak(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-24' || md === '01-01';
}

/** A day on which a meeting or an event can be held. */
export function isEventDay(date: string): boolean {
  return isWorkingDay(utcDay(date)) && !inYearEndBreak(date);
}

/** The first event day from `date` on, going forward (step 1) or back into the past (step -1). */
export function eventDayFrom(date: string, step: 1 | -1 = 1): string {
  let d = date;
  while (!isEventDay(d)) d = addDays(d, step);
  return d;
}

/** The first day from `date` on (forward or back) that starts `length` consecutive event days. */
export function eventSpanFrom(date: string, length: number, step: 1 | -1 = 1): string {
  let d = eventDayFrom(date, step);
  while (Array.from({ length }, (_, i) => addDays(d, i)).some((x) => !isEventDay(x))) d = eventDayFrom(addDays(d, step), step);
  return d;
}

/** The n-th given weekday (1 Monday … 7 Sunday) of a month 'YYYY-MM', moved to the next event day if it is not one. */
export function nthWeekdayOfMonth(month: string, weekday: number, n: number): string {
  const first = `${month}-01`;
  const firstWeekday = ((utcDay(first).getUTCDay() + 6) % 7) + 1;
  return eventDayFrom(addDays(first, ((weekday - firstWeekday + 7) % 7) + 7 * (n - 1)));
}

/** The month 'YYYY-MM' that is `n` months after the one of `date`. */
export function monthAfter(date: string, n: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export type Season = 'printemps' | 'été' | 'automne' | 'hiver';

/** The astronomical season of a day (boundaries on the 21st of March, June, September and December). */
export function seasonOf(date: string): Season {
  const md = date.slice(5);
  if (md >= '03-21' && md < '06-21') return 'printemps';
  if (md >= '06-21' && md < '09-21') return 'été';
  if (md >= '09-21' && md < '12-21') return 'automne';
  return 'hiver';
}

/** « Université d’automne », « Université de printemps »… */
export function seasonalName(what: string, date: string): string {
  const season = seasonOf(date);
  return `${what} ${season === 'printemps' ? 'de printemps' : `d’${season}`}`;
}
