import { addDays, lastDayOfMonth, parisToday, utcToParis } from '../../../../common/time';
import { formatTime } from '../../lib/format';

/** Calendar arithmetic on Paris days written "YYYY-MM-DD" (UTC maths on dates only: no zone surprises). */

/** The Paris day of an instant. */
export const dayOf = (iso: string | Date) => utcToParis(typeof iso === 'string' ? new Date(iso) : iso).date;
export const timeOf = formatTime;
export const today = () => parisToday();

export { addDays };

/** ISO weekday, 1 = Monday. */
export const weekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
export const mondayOf = (day: string) => addDays(day, 1 - weekday(day));
export const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
export const lastOfMonth = (day: string) => lastDayOfMonth(day.slice(0, 7));

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const monthFmt = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDayFmt = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
export const monthLabel = (day: string) => monthFmt.format(new Date(`${day}T00:00:00Z`));
export const longDay = (day: string) => longDayFmt.format(new Date(`${day}T00:00:00Z`));
