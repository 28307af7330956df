import ICAL from 'ical.js';
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from '@rowanmanning/feed-parser';

/**
 * The .ics and Atom documents are written by hand (agenda/ics.ts, feeds/atom.ts): tests read them back with
 * real parsers, as a calendar application or a feed reader would, instead of matching strings.
 */

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  sequence: number;
  allDay: boolean;
  start: Date;
  end: Date;
  /** For all-day events, the calendar days as written (end exclusive). */
  startDate: string;
  endDate: string;
}

// The calendar's name and description are the de facto X-WR-* properties, TEXT values like SUMMARY (RFC 5545
// §3.8.8.2 lets X- properties carry TEXT): ical.js would otherwise hand them back still escaped.
for (const name of ['x-wr-calname', 'x-wr-caldesc']) ICAL.design.defaultSet.property[name] = { defaultType: 'text' };

export function parseIcs(text: string): { name: string | null; description: string | null; events: ParsedEvent[] } {
  // ical.js throws on anything that is not valid iCalendar (bad line, bad escape, unbalanced BEGIN/END).
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== 'vcalendar') throw new Error(`not a VCALENDAR: ${calendar.name}`);
  const text1 = (c: ICAL.Component, name: string) => {
    const v = c.getFirstPropertyValue(name);
    return v === null || v === undefined ? null : String(v);
  };
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      location: e.location || null,
      url: text1(v, 'url'),
      sequence: e.sequence,
      allDay: e.startDate.isDate,
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      startDate: e.startDate.toString().slice(0, 10),
      endDate: e.endDate.toString().slice(0, 10),
    };
  });
  return { name: text1(calendar, 'x-wr-calname'), description: text1(calendar, 'x-wr-caldesc'), events };
}

/** Strict XML well-formedness first (the feed parser forgives), then the feed as a reader sees it. */
export function parseAtom(xml: string) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${JSON.stringify(valid.err)}`);
  return parseFeed(xml);
}
