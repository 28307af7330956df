import { describe, expect, it } from 'vitest';
import { balanceMessage, CONTRIBUTION_SOURCES, FAMILIES } from './contributions.js';

describe('contribution families', () => {
  it('puts every source in exactly one known family', () => {
    const codes = CONTRIBUTION_SOURCES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const s of CONTRIBUTION_SOURCES) expect(FAMILIES).toContain(s.family);
  });

  it('says whether the month is balanced, in French', () => {
    expect(balanceMessage({ veille: 3, animation: 3, redaction: 2 })).toBe('équilibré');
    expect(balanceMessage({ veille: 0, animation: 3, redaction: 3 })).toBe('à rééquilibrer : peu de veille');
    expect(balanceMessage({ veille: 5, animation: 0, redaction: 0 })).toBe('à rééquilibrer : peu d’animation et de rédaction');
    expect(balanceMessage({ veille: 0, animation: 0, redaction: 0 })).toBe('aucune contribution comptée ce mois-ci');
  });
});
