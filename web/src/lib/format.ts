import { PARIS } from '../../../common/time';

const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: PARIS });
const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: PARIS });
const parisClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: PARIS });
const numbers = new Intl.NumberFormat('fr-FR');

/** French writes the first day of a month as an ordinal: « 1er janvier ». */
function firstOfMonth(text: string): string {
  return text.replace(/^1 (?=\p{L})/u, '1er ');
}

/** « 9 h 30 » from "09:30", with no-break spaces so a time never splits across lines. */
export function formatClock(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)}\u00a0h\u00a0${m}`;
}

/** A month 'YYYY-MM' in French: « mars 2026 », or « mars 26 » when short (a calendar month: no time zone). */
export function monthLabel(month: string, short = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('fr-FR', { month: short ? 'short' : 'long', year: short ? '2-digit' : 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** An instant's time of day in Paris: « 9 h 30 ». */
export function formatTime(iso: string): string {
  return formatClock(parisClock.format(new Date(iso)));
}

/** « 1er décembre 2026 à 9 h 30 » (Paris). */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} à ${formatTime(iso)}`;
}

/** « lundi 1er décembre 2026 à 9 h 30 » (Paris), where the day of the week matters (events). */
export function formatDateTimeFull(iso: string): string {
  return `${weekday.format(new Date(iso))} ${formatDateTime(iso)}`;
}

export function formatDate(iso: string): string {
  // A bare 'YYYY-MM-DD' is a calendar day: read it at noon UTC so no time zone shifts it.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return firstOfMonth(dateOnly.format(date));
}

export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** "3 membres", "1 membre", "0 membre" (French uses the singular for 0 and 1). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${n > 1 ? pluralForm : singular}`;
}

export function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`;
}
