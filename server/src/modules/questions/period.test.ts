import { describe, expect, it } from 'vitest';
import { parsePeriod } from './stats.js';

describe('a statistics period (Paris days)', () => {
  it('ends today in Paris by default, also in the hour when the UTC date is still yesterday', () => {
    // 23:30 UTC on 6 December is 00:30 on 7 December in Paris.
    expect(parsePeriod(undefined, undefined, new Date('2026-12-06T23:30:00Z'))).toEqual({ from: '2026-09-09', to: '2026-12-07' });
    expect(parsePeriod(undefined, undefined, new Date('2026-07-14T21:59:00Z'))).toEqual({ from: '2026-04-16', to: '2026-07-14' });
  });

  it('keeps the days given and refuses impossible or reversed ones', () => {
    expect(parsePeriod('2026-01-01', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => parsePeriod('2026-13-01', undefined)).toThrow();
    expect(() => parsePeriod('2026-05-02', '2026-05-01')).toThrow('La date de début doit précéder la date de fin.');
    expect(() => parsePeriod('2016-01-01', '2026-01-01')).toThrow('La période ne peut pas dépasser cinq ans.');
  });
});
