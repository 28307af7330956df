import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../../test/feed-parsers.js';
import { buildCalendar, escapeText, foldLine, formatUtc } from './ics.js';

const base = {
  uid: '42@e-communautes',
  stamp: new Date('2026-01-10T08:00:00Z'),
  start: new Date('2026-03-29T01:30:00Z'),
  end: new Date('2026-03-29T03:00:00Z'),
  summary: 'Atelier',
};

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    // Unfolding (remove CRLF + one space) gives the line back, so no character was cut.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes UTC date-times with a Z', () => {
    expect(formatUtc(new Date('2026-10-25T00:30:00.000Z'))).toBe('20261025T003000Z');
  });

  it('builds a calendar with CRLF endings, stable UID and the required properties', () => {
    const ics = buildCalendar({
      name: 'Agenda, Politique de la Ville',
      events: [{
        ...base,
        sequence: 2,
        description: 'Ligne 1\nLigne 2 ; avec, ponctuation',
        location: 'Salle 3, mairie',
        url: 'https://exemple.fr/publications/42?a=1,2',
      }],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('X-WR-CALNAME:Agenda\\, Politique de la Ville');
    expect(lines).toContain('UID:42@e-communautes');
    expect(lines).toContain('DTSTAMP:20260110T080000Z');
    expect(lines).toContain('DTSTART:20260329T013000Z');
    expect(lines).toContain('DTEND:20260329T030000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('SUMMARY:Atelier');
    expect(lines).toContain('DESCRIPTION:Ligne 1\\nLigne 2 \\; avec\\, ponctuation');
    expect(lines).toContain('LOCATION:Salle 3\\, mairie');
    expect(lines).toContain('URL:https://exemple.fr/publications/42?a=1,2');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('writes all-day events as dates with an exclusive end', () => {
    const ics = buildCalendar({
      name: 'Agenda',
      events: [{ ...base, allDay: { startDate: '2026-10-25', endDate: '2026-10-27' } }],
    });
    expect(ics).toContain('DTSTART;VALUE=DATE:20261025\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20261027\r\n');
    expect(ics).not.toContain('DTSTART:');
  });

  it('omits empty optional properties', () => {
    const ics = buildCalendar({ name: 'Agenda', events: [base] });
    expect(ics).not.toContain('LOCATION');
    expect(ics).not.toContain('DESCRIPTION');
    expect(ics).not.toContain('URL:');
  });

  it('reads back through ical.js exactly as written: escapes, folding of long accented text, dates', () => {
    const description = `Ligne 1\nLigne 2 ; avec, ponctuation \\ et « guillemets » ${'é’'.repeat(80)}`;
    const ics = buildCalendar({
      name: 'Agenda, Politique de la Ville',
      description: 'Réseau ; tests',
      events: [
        { ...base, sequence: 3, description, location: 'Salle 3, mairie', url: 'https://exemple.fr/publications/42?a=1,2' },
        { ...base, uid: '43@e-communautes', summary: 'Journée', allDay: { startDate: '2026-10-25', endDate: '2026-10-27' } },
      ],
    });
    const cal = parseIcs(ics);
    expect(cal.name).toBe('Agenda, Politique de la Ville');
    expect(cal.description).toBe('Réseau ; tests');
    const [timed, day] = cal.events;
    expect(timed).toMatchObject({
      uid: '42@e-communautes', summary: 'Atelier', description, location: 'Salle 3, mairie',
      url: 'https://exemple.fr/publications/42?a=1,2', sequence: 3, allDay: false,
    });
    expect(timed!.start.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(timed!.end.toISOString()).toBe('2026-03-29T03:00:00.000Z');
    expect(day).toMatchObject({ uid: '43@e-communautes', allDay: true, startDate: '2026-10-25', endDate: '2026-10-27' });
  });
});
