import { describe, expect, it } from 'vitest';
import { computeDeadline, fromParisWallClock, parisWallClock } from './deadline.js';
import { addWorkingDays, easterSunday, frenchHolidays, isoDay, isWorkingDay } from './holidays.js';

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
