import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, parisToUtc, parseDate, utcToParis } from './paris-time.js';

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
});
