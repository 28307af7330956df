/**
 * Europe/Paris wall-clock time <-> UTC instants, without a time-zone library.
 *
 * People enter events in local time; we store UTC. Twice a year a local time is not one instant:
 * - on the last Sunday of March, 02:00–02:59 does not exist (clocks jump from 02:00 to 03:00);
 * - on the last Sunday of October, 02:00–02:59 happens twice (CEST, then CET).
 * Rule (the one RFC 5545 §3.3.5 prescribes for calendar clients, and Temporal's "compatible"):
 * a nonexistent time is read with the offset in force just before the gap (02:30 becomes 03:30 CEST);
 * an ambiguous time is its first occurrence (02:30 CEST, i.e. 00:30 UTC).
 */

export const PARIS = 'Europe/Paris';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallOf(instant: number): Wall & { second: number } {
  const map: Record<string, number> = {};
  for (const p of parts.formatToParts(new Date(instant))) if (p.type !== 'literal') map[p.type] = Number(p.value);
  return { year: map.year!, month: map.month!, day: map.day!, hour: map.hour!, minute: map.minute!, second: map.second! };
}

/** Offset of Paris from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function parisOffset(instant: number): number {
  const w = wallOf(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

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

export function parseTime(text: string): { hour: number; minute: number } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/**
 * The UTC instant of a Paris wall-clock time, following the rule above.
 * Returns null for an impossible date or time (the caller answers 400).
 */
export function parisToUtc(date: string, time = '00:00'): Date | null {
  const d = parseDate(date);
  const t = parseTime(time);
  if (!d || !t) return null;
  const naive = Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute);
  // Offsets a few hours either side bracket any transition near this wall time.
  const before = parisOffset(naive - 6 * 3600_000);
  const after = parisOffset(naive + 6 * 3600_000);
  const matches = [naive - before, naive - after].filter((instant) => {
    const w = wallOf(instant);
    return w.year === d.year && w.month === d.month && w.day === d.day && w.hour === t.hour && w.minute === t.minute;
  });
  // Ambiguous: the earliest instant is the first occurrence. Nonexistent: the offset before the gap.
  return new Date(matches.length > 0 ? Math.min(...matches) : naive - before);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Paris calendar date ('YYYY-MM-DD') and time ('HH:MM') of an instant. */
export function utcToParis(instant: Date): { date: string; time: string } {
  const w = wallOf(instant.getTime());
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  if (!d) throw new Error(`date invalide : ${date}`);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
