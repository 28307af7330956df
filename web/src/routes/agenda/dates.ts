/**
 * French display of event dates. Everything works on the Paris wall-clock values the API
 * sends (startDate, startTime...), so the reader's own time zone never shifts an event.
 */

import { formatClock } from '../../lib/format';
import { addDays, lastDayOfMonth } from '../../../../common/time';

const longDay = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** « samedi 28 mars 2027 » */
export function formatDay(date: string): string {
  return longDay.format(noon(date));
}

/** « 9 h 30 » (shared with every other time the client shows). */
export const formatTime = formatClock;

/** « mars 2027 » */
export function formatMonth(year: number, month: number): string {
  return monthYear.format(new Date(Date.UTC(year, month - 1, 15)));
}

export interface EventTimes {
  allDay: boolean;
  startDate: string;
  startTime: string | null;
  endDate: string;
  endTime: string | null;
}

/** One French sentence for when an event happens. */
export function formatWhen(e: EventTimes): string {
  const sameDay = e.startDate === e.endDate;
  if (e.allDay) {
    if (sameDay) return `${formatDay(e.startDate)}, toute la journée`;
    const sameYear = e.startDate.slice(0, 4) === e.endDate.slice(0, 4);
    return `du ${sameYear ? dayMonth.format(noon(e.startDate)) : formatDay(e.startDate)} au ${formatDay(e.endDate)}`;
  }
  if (sameDay) return `${formatDay(e.startDate)}, de ${formatTime(e.startTime!)} à ${formatTime(e.endTime!)}`;
  return `du ${formatDay(e.startDate)} à ${formatTime(e.startTime!)} au ${formatDay(e.endDate)} à ${formatTime(e.endTime!)}`;
}

/** Today's date in Paris, 'YYYY-MM-DD'. */
export { parisToday } from '../../../../common/time';

export { addDays };

/** The weeks (Monday first) covering a month, as 'YYYY-MM-DD' days. */
export function monthGrid(year: number, month: number): string[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7;
  let day = addDays(first.toISOString().slice(0, 10), -offset);
  const last = lastDayOfMonth(first.toISOString().slice(0, 7));
  const weeks: string[][] = [];
  while (day <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
