import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addWorkingDays, computeDeadline, daysBetween, easterSunday, frenchHolidays, fromParisWallClock,
  isoDay, isWorkingDay, lastDayOfMonth, monthBounds, monthRange, parisFormat, parisLocalToUtc, parisMonthNow, parisToUtc, parisToday,
  parisWallClock, parseDate, utcToParis, utcToParisLocal,
} from './index.js';
import { PARIS_TIME_ZONE } from './zone.js';

/** The one test of the time module: both clock changes, public holidays, deadlines, month boundaries. */
describe('Europe/Paris wall clock <-> UTC', () => {
  it('converts winter and summer times', () => {
    expect(parisToUtc('2026-01-15', '09:30')?.toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(parisToUtc('2026-07-14', '09:30')?.toISOString()).toBe('2026-07-14T07:30:00.000Z');
  });

  it('is exact on both sides of the March change (last Sunday, 2026-03-29)', () => {
    expect(parisToUtc('2026-03-29', '01:59')?.toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(parisToUtc('2026-03-29', '03:00')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('reads a nonexistent time (02:30 on 2026-03-29) with the offset before the gap: 03:30 CEST', () => {
    const utc = parisToUtc('2026-03-29', '02:30')!;
    expect(utc.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(utcToParis(utc)).toEqual({ date: '2026-03-29', time: '03:30' });
  });

  it('reads an ambiguous time (02:30 on 2026-10-25) as its first occurrence (CEST)', () => {
    expect(parisToUtc('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parisToUtc('2026-10-25', '01:59')?.toISOString()).toBe('2026-10-24T23:59:00.000Z');
    expect(parisToUtc('2026-10-25', '03:00')?.toISOString()).toBe('2026-10-25T02:00:00.000Z');
    // Both UTC instants of the repeated hour display as 02:30 in Paris.
    expect(utcToParis(new Date('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', time: '02:30' });
  });

  it('rejects impossible dates and times', () => {
    expect(parisToUtc('2026-02-30', '10:00')).toBeNull();
    expect(parisToUtc('2026-02-10', '24:00')).toBeNull();
    expect(parisToUtc('2026-2-10', '10:00')).toBeNull();
    expect(parseDate('0000-01-01')).toBeNull();
  });

  it('does calendar arithmetic without time zones', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('a day in Paris lasts 23 hours in March and 25 in October', () => {
    const hours = (d: string) => (parisToUtc(addDays(d, 1))!.getTime() - parisToUtc(d)!.getTime()) / 3600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-01')).toBe(24);
  });

  it('reads form values (datetime-local) as Paris time and writes instants back in Paris time', () => {
    expect(parisLocalToUtc('2026-12-10T18:00')!.toISOString()).toBe('2026-12-10T17:00:00.000Z');
    expect(parisLocalToUtc('2026-07-10T14:00:00')!.toISOString()).toBe('2026-07-10T12:00:00.000Z');
    expect(parisLocalToUtc('')).toBeNull();
    expect(parisLocalToUtc('2026-02-30T10:00')).toBeNull();
    expect(utcToParisLocal('2026-07-10T12:00:00.000Z')).toBe('2026-07-10T14:00');
    // 23:30 UTC on 31 December is already the next year in Paris.
    expect(parisToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisMonthNow(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
  });
});

describe('the wall clock kept per UTC hour', () => {
  // Intl itself is the reference: the hourly offsets must read every instant exactly as it does, across every
  // change of two periods (the first one straddles the 1997 start of the kept offsets).
  const reference = new Intl.DateTimeFormat('en-GB', {
    timeZone: PARIS_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const viaIntl = (at: Date) => {
    const f = Object.fromEntries(reference.formatToParts(at).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
    return { year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second, ms: at.getUTCMilliseconds() };
  };

  it.each([['1996-01-01', '1998-01-01'], ['2026-01-01', '2028-01-01']])('reads every instant from %s to %s as Intl does', (from, to) => {
    const step = 47 * 60_000 + 17_123; // not a divisor of an hour: every minute of the hour comes up
    const wrong: string[] = [];
    for (let t = Date.parse(from); t < Date.parse(to); t += step) {
      const at = new Date(t);
      if (JSON.stringify(parisWallClock(at)) !== JSON.stringify(viaIntl(at))) wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });
});

describe('months', () => {
  it('finds month boundaries, leap years included', () => {
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2027-02')).toBe('2027-02-28');
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(addMonths('2026-03', -1)).toBe('2026-02');
    expect(monthRange('2026-11', 2)).toEqual({ from: '2026-11-01', to: '2027-01-01' });
  });

  it('the month and day in Paris change at Paris midnight, not UTC midnight', () => {
    // 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Paris (summer time, UTC+2).
    expect(parisMonthNow(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04');
    expect(parisToday(Date.parse('2026-03-31T21:59:00Z'))).toBe('2026-03-31');
    // 23:30 UTC on 31 October 2026 is 00:30 on 1 November in Paris (winter time, UTC+1).
    expect(parisToday(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11-01');
  });

  it('formats on the Paris clock whatever the machine zone', () => {
    const fmt = parisFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(fmt.format(new Date('2026-03-29T00:59:00Z'))).toBe('01:59');
    expect(fmt.format(new Date('2026-03-29T01:00:00Z'))).toBe('03:00');
  });
});

describe('wall clock with seconds and the choice of occurrence', () => {
  it('reads the repeated October hour as the earlier or the later occurrence on request', () => {
    const w = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 15, ms: 250 };
    expect(fromParisWallClock(w).toISOString()).toBe('2026-10-25T00:30:15.250Z');
    expect(fromParisWallClock(w, 'later').toISOString()).toBe('2026-10-25T01:30:15.250Z');
  });

  it('moves a nonexistent March time forward by one hour, whichever occurrence is asked for', () => {
    const w = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, ms: 0 };
    expect(fromParisWallClock(w).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromParisWallClock(w, 'later').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('French public holidays', () => {
  it('finds Easter Sunday', () => {
    expect(isoDay(easterSunday(2024))).toBe('2024-03-31');
    expect(isoDay(easterSunday(2025))).toBe('2025-04-20');
    expect(isoDay(easterSunday(2026))).toBe('2026-04-05');
    expect(isoDay(easterSunday(2027))).toBe('2027-03-28');
    expect(isoDay(easterSunday(2038))).toBe('2038-04-25');
  });

  it.each([
    [2024, ['2024-01-01', '2024-04-01', '2024-05-01', '2024-05-08', '2024-05-09', '2024-05-20', '2024-07-14', '2024-08-15', '2024-11-01', '2024-11-11', '2024-12-25']],
    [2025, ['2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09', '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25']],
    [2026, ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']],
    [2027, ['2027-01-01', '2027-03-29', '2027-05-01', '2027-05-08', '2027-05-06', '2027-05-17', '2027-07-14', '2027-08-15', '2027-11-01', '2027-11-11', '2027-12-25']],
  ])('lists the eleven holidays of %i', (year, expected) => {
    expect([...frenchHolidays(year).keys()].sort()).toEqual([...expected].sort());
  });

  it('knows working days', () => {
    expect(isWorkingDay(d('2025-05-29'))).toBe(false); // Ascension, a Thursday
    expect(isWorkingDay(d('2025-05-30'))).toBe(true); // the "pont" Friday is still worked
    expect(isWorkingDay(d('2025-05-31'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2026-12-26'))).toBe(false); // Saturday, not a holiday outside Alsace-Moselle
    expect(isWorkingDay(d('2027-12-27'))).toBe(true);
  });

  it('adds working days over weekends and holidays', () => {
    expect(isoDay(addWorkingDays(d('2025-05-28'), 1))).toBe('2025-05-30'); // over Ascension
    expect(isoDay(addWorkingDays(d('2024-12-24'), 3))).toBe('2024-12-30'); // Christmas + weekend
    expect(isoDay(addWorkingDays(d('2026-04-03'), 1))).toBe('2026-04-07'); // weekend + Easter Monday
    expect(isoDay(addWorkingDays(d('2027-04-30'), 5))).toBe('2027-05-10'); // 1 and 8 May on Saturdays
  });
});

describe('answer deadline (Europe/Paris)', () => {
  it('reads and writes the Paris wall clock in winter and summer', () => {
    expect(parisWallClock(new Date('2025-01-15T09:30:00Z')).hour).toBe(10);
    expect(parisWallClock(new Date('2025-07-15T09:30:00Z')).hour).toBe(11);
    expect(fromParisWallClock({ year: 2025, month: 7, day: 15, hour: 11, minute: 30, second: 0, ms: 0 }).toISOString())
      .toBe('2025-07-15T09:30:00.000Z');
  });

  it('adds calendar days at the same Paris time', () => {
    expect(computeDeadline(new Date('2025-06-10T08:00:00Z'), { days: 3, mode: 'calendar' }).toISOString())
      .toBe('2025-06-13T08:00:00.000Z');
  });

  it('keeps the wall-clock time across the spring and autumn changes', () => {
    // Friday 28 March 2025, 15:00 Paris (UTC+1) -> Monday 31 March 15:00 Paris (UTC+2).
    expect(computeDeadline(new Date('2025-03-28T14:00:00Z'), { days: 3, mode: 'calendar' }).toISOString())
      .toBe('2025-03-31T13:00:00.000Z');
    // Friday 24 October 2025, 15:00 Paris (UTC+2) -> Monday 27 October 15:00 Paris (UTC+1).
    expect(computeDeadline(new Date('2025-10-24T13:00:00Z'), { days: 3, mode: 'calendar' }).toISOString())
      .toBe('2025-10-27T14:00:00.000Z');
  });

  it('moves a time skipped by the spring change forward by one hour', () => {
    // Thursday 27 March 2025, 02:30 Paris -> Sunday 30 March 02:30 does not exist -> 03:30 (UTC+2).
    expect(computeDeadline(new Date('2025-03-27T01:30:00Z'), { days: 3, mode: 'calendar' }).toISOString())
      .toBe('2025-03-30T01:30:00.000Z');
  });

  it('counts working days on the Paris calendar day', () => {
    // Friday 16 May 2025, 17:00 Paris -> Wednesday 21 May 17:00.
    expect(computeDeadline(new Date('2025-05-16T15:00:00Z'), { days: 3, mode: 'working' }).toISOString())
      .toBe('2025-05-21T15:00:00.000Z');
    // 31 December 23:30 UTC is already 1 January (a holiday) in Paris: the Paris day decides -> Friday 2 January 00:30.
    expect(computeDeadline(new Date('2025-12-31T23:30:00Z'), { days: 1, mode: 'working' }).toISOString())
      .toBe('2026-01-01T23:30:00.000Z');
    // Wednesday 7 May 2025 10:00 -> over 8 May (Thursday) -> Monday 12 May with 2 days.
    expect(computeDeadline(new Date('2025-05-07T08:00:00Z'), { days: 2, mode: 'working' }).toISOString())
      .toBe('2025-05-12T08:00:00.000Z');
  });
});

describe('answer deadline across the October change', () => {
  it('a due time in the repeated hour is its later occurrence (the full delay)', () => {
    // Thursday 22 October 2026, 02:30 Paris (UTC+2) -> Sunday 25 October 02:30, which happens twice: 01:30 UTC.
    expect(computeDeadline(new Date('2026-10-22T00:30:00Z'), { days: 3, mode: 'calendar' }).toISOString())
      .toBe('2026-10-25T01:30:00.000Z');
  });
});
