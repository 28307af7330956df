import { formatTime } from '../../lib/format';

/** Calendar arithmetic on Paris days written "YYYY-MM-DD" (UTC maths on dates only: no zone surprises). */

const parisDay = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Paris day of an instant. */
export const dayOf = (iso: string | Date) => parisDay.format(typeof iso === 'string' ? new Date(iso) : iso);
export const timeOf = formatTime;
export const today = () => dayOf(new Date());

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday. */
export const weekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
export const mondayOf = (day: string) => addDays(day, 1 - weekday(day));
export const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
export const lastOfMonth = (day: string) => addDays(firstOfMonth(addDays(firstOfMonth(day), 32)), -1);

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const monthFmt = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDayFmt = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
export const monthLabel = (day: string) => monthFmt.format(new Date(`${day}T00:00:00Z`));
export const longDay = (day: string) => longDayFmt.format(new Date(`${day}T00:00:00Z`));
