/**
 * French public holidays (jours fériés, Code du travail L3133-1) and working days.
 * Dates are calendar days written 'YYYY-MM-DD'; no time zone is involved here.
 * Alsace-Moselle's two extra days (Good Friday, 26 December) are not included.
 */

/** A calendar day as a UTC-midnight Date, used only for day arithmetic. */
function day(year: number, month: number, date: number): Date {
  return new Date(Date.UTC(year, month - 1, date));
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function nextDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, valid for every year from 1583). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, date);
}

const cache = new Map<number, Map<string, string>>();

/** The eleven public holidays of a year: 'YYYY-MM-DD' -> French name. */
export function frenchHolidays(year: number): Map<string, string> {
  const known = cache.get(year);
  if (known) return known;
  const easter = easterSunday(year);
  const list: [Date, string][] = [
    [day(year, 1, 1), 'Jour de l’an'],
    [nextDays(easter, 1), 'Lundi de Pâques'],
    [day(year, 5, 1), 'Fête du Travail'],
    [day(year, 5, 8), 'Victoire 1945'],
    [nextDays(easter, 39), 'Ascension'],
    [nextDays(easter, 50), 'Lundi de Pentecôte'],
    [day(year, 7, 14), 'Fête nationale'],
    [day(year, 8, 15), 'Assomption'],
    [day(year, 11, 1), 'Toussaint'],
    [day(year, 11, 11), 'Armistice 1918'],
    [day(year, 12, 25), 'Noël'],
  ];
  const holidays = new Map(list.map(([d, name]) => [isoDay(d), name]));
  cache.set(year, holidays);
  return holidays;
}

export function isFrenchHoliday(d: Date): boolean {
  return frenchHolidays(d.getUTCFullYear()).has(isoDay(d));
}

/** Monday to Friday, public holidays excluded. */
export function isWorkingDay(d: Date): boolean {
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFrenchHoliday(d);
}

/** The n-th working day strictly after `from` (a calendar day). */
export function addWorkingDays(from: Date, n: number): Date {
  let d = from;
  let left = n;
  while (left > 0) {
    d = nextDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}
