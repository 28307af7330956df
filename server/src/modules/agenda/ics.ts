import { PARIS_TIME_ZONE } from '../../../../common/time/index.js';
/**
 * A small iCalendar (RFC 5545) writer: just what an agenda feed and "Ajouter à mon agenda" need.
 * Timed events are written in UTC ("Z"), so no VTIMEZONE is needed and every client agrees on the
 * instant; all-day events are floating dates (VALUE=DATE), which is what "all day" means in every zone.
 */

export interface IcsEvent {
  uid: string;
  /** When this version of the event was last revised (DTSTAMP / LAST-MODIFIED). */
  stamp: Date;
  created?: Date;
  /** Incremented on every change so clients replace their copy. */
  sequence?: number;
  start: Date;
  end: Date;
  /** All-day: startDate/endDate are Paris calendar days, endDate exclusive as RFC 5545 wants. */
  allDay?: { startDate: string; endDate: string };
  summary: string;
  description?: string;
  location?: string;
  url?: string;
}

export interface IcsCalendar {
  name: string;
  description?: string;
  events: IcsEvent[];
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (§3.1): continuation lines start with one space.
 * Cuts fall between UTF-8 characters, never inside one, so "é" or "’" stay whole.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; each continuation holds 74 after its leading space.
    const room = out.length === 0 ? 75 : 74;
    if (octets + size > room) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** 20260329T013000Z */
export function formatUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** 20260329 from '2026-03-29' */
function formatDate(date: string): string {
  return date.replace(/-/g, '');
}

function textLine(name: string, value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : [`${name}:${escapeText(value)}`];
}

function eventLines(e: IcsEvent): string[] {
  const when = e.allDay
    ? [`DTSTART;VALUE=DATE:${formatDate(e.allDay.startDate)}`, `DTEND;VALUE=DATE:${formatDate(e.allDay.endDate)}`]
    : [`DTSTART:${formatUtc(e.start)}`, `DTEND:${formatUtc(e.end)}`];
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${formatUtc(e.stamp)}`,
    ...(e.created ? [`CREATED:${formatUtc(e.created)}`] : []),
    `LAST-MODIFIED:${formatUtc(e.stamp)}`,
    `SEQUENCE:${e.sequence ?? 0}`,
    ...when,
    ...textLine('SUMMARY', e.summary),
    ...textLine('DESCRIPTION', e.description),
    ...textLine('LOCATION', e.location),
    // URL is a URI value, not TEXT: it is written as is (commas are legal in URIs).
    ...(e.url ? [`URL:${e.url.replace(/[\r\n]/g, '')}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The whole VCALENDAR, CRLF line endings, folded. */
export function buildCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//e-communautes//Agenda//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...textLine('X-WR-CALNAME', cal.name),
    ...textLine('X-WR-CALDESC', cal.description),
    `X-WR-TIMEZONE:${PARIS_TIME_ZONE}`,
    ...cal.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
