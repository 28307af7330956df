import { parseDate, parseTime } from './calendar.js';
import { PARIS_TIME_ZONE } from './zone.js';

/**
 * Europe/Paris wall-clock time <-> UTC instants, without a time-zone library: the only conversion of the code
 * base (SQL does its own with `AT TIME ZONE ${PARIS_SQL}`, on the same tz database rules).
 *
 * People enter events in local time; we store UTC. Twice a year a local time is not one instant:
 * - on the last Sunday of March, 02:00–02:59 does not exist (clocks jump from 02:00 to 03:00);
 * - on the last Sunday of October, 02:00–02:59 happens twice (CEST, then CET).
 * Rule (the one RFC 5545 §3.3.5 prescribes for calendar clients, and Temporal's "compatible"):
 * a nonexistent time is read with the offset in force just before the gap (02:30 becomes 03:30 CEST);
 * an ambiguous time is its first occurrence (02:30 CEST, i.e. 00:30 UTC) unless the caller asks for the later
 * one (the answer deadlines of questions do, like PostgreSQL's `AT TIME ZONE`).
 */

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A reading of the Paris wall clock. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** The Paris wall-clock reading of an instant, as the tz database gives it (Intl: a few microseconds a call). */
function exactWallClock(at: Date): WallClock {
  const map: Record<string, number> = {};
  for (const p of parts.formatToParts(at)) if (p.type !== 'literal') map[p.type] = Number(p.value);
  return {
    year: map.year!, month: map.month!, day: map.day!,
    hour: map.hour!, minute: map.minute!, second: map.second!, ms: at.getUTCMilliseconds(),
  };
}

const HOUR = 3600_000;
/**
 * Since the EU's common rule (1996), Paris changes its offset at 01:00 UTC sharp, so the offset is the same for a
 * whole UTC hour: it is asked of Intl once per hour and kept. An agenda month presents hundreds of instants, and
 * Intl's formatToParts was most of its CPU. Earlier instants (other rules, offsets not in whole hours) ask Intl.
 */
const HOURLY_FROM = Date.UTC(1997, 0, 1);
const offsetsByHour = new Map<number, number>();
const MAX_KEPT_HOURS = 100_000;

function hourOffset(hour: number): number {
  let offset = offsetsByHour.get(hour);
  if (offset === undefined) {
    const w = exactWallClock(new Date(hour * HOUR));
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - hour * HOUR;
    if (offsetsByHour.size >= MAX_KEPT_HOURS) offsetsByHour.clear();
    offsetsByHour.set(hour, offset);
  }
  return offset;
}

/** The Paris wall-clock reading of an instant. */
export function parisWallClock(at: Date): WallClock {
  const instant = at.getTime();
  if (!(instant >= HOURLY_FROM)) return exactWallClock(at);
  const local = new Date(instant + hourOffset(Math.floor(instant / HOUR)));
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds(), ms: local.getUTCMilliseconds(),
  };
}

/** Offset of Paris from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function parisOffset(instant: number): number {
  const w = parisWallClock(new Date(instant));
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const sameWall = (a: WallClock, b: WallClock) =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;

/** Which instant an ambiguous wall-clock time (the repeated hour of October) stands for. */
export type Ambiguity = 'earlier' | 'later';

/** The instant a Paris wall-clock reading stands for, following the rule above. */
export function fromParisWallClock(w: WallClock, ambiguous: Ambiguity = 'earlier'): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  // Offsets a few hours either side bracket any transition near this wall time.
  const before = parisOffset(naive - 6 * 3600_000);
  const after = parisOffset(naive + 6 * 3600_000);
  const matches = [naive - before, naive - after].filter((instant) => sameWall(parisWallClock(new Date(instant)), w));
  if (matches.length === 0) return new Date(naive - before); // nonexistent: the offset before the gap
  return new Date(ambiguous === 'earlier' ? Math.min(...matches) : Math.max(...matches));
}

/**
 * The UTC instant of a Paris wall-clock time ('YYYY-MM-DD', 'HH:MM'), following the rule above.
 * Returns null for an impossible date or time (the caller answers 400).
 */
export function parisToUtc(date: string, time = '00:00'): Date | null {
  const d = parseDate(date);
  const t = parseTime(time);
  if (!d || !t) return null;
  return fromParisWallClock({ ...d, ...t, second: 0, ms: 0 });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Paris calendar date ('YYYY-MM-DD') and time ('HH:MM') of an instant. */
export function utcToParis(instant: Date): { date: string; time: string } {
  const w = parisWallClock(instant);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/**
 * Form fields. A `datetime-local`, `date` or `time` input holds a wall clock with no zone; the browser's own zone
 * (UTC on a server, Réunion or the Antilles for some agents) must never be applied to it: every date-time field of
 * the client reads and writes Paris time through these functions.
 */
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/;

/** The UTC instant of a `datetime-local` value read as Paris time, or null when the value is empty or impossible. */
export function parisLocalToUtc(value: string): Date | null {
  const m = LOCAL.exec(value);
  return m ? parisToUtc(m[1]!, m[2]!) : null;
}

/** The `datetime-local` value ('YYYY-MM-DDTHH:MM') showing an instant in Paris time. */
export function utcToParisLocal(instant: Date | string): string {
  const p = utcToParis(typeof instant === 'string' ? new Date(instant) : instant);
  return `${p.date}T${p.time}`;
}

/** The day ('YYYY-MM-DD') an instant falls on in Paris; today's by default. */
export function parisToday(now: Date | number = new Date()): string {
  return utcToParis(typeof now === 'number' ? new Date(now) : now).date;
}

/** The month ('YYYY-MM') an instant falls in, in Paris; the current one by default. */
export function parisMonthNow(now: Date | number = new Date()): string {
  return parisToday(now).slice(0, 7);
}
