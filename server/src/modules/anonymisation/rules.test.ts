import { describe, expect, it } from 'vitest';
import { applyRedactions, detectInText, nameCandidates, nameKey, resolveOverlaps } from './rules.js';

const kinds = (text: string, members = new Set<string>()) => detectInText(text, members).map((d) => [d.kind, d.text, d.replacement]);

describe('anonymisation rules', () => {
  it('proposes the French redaction of each kind', () => {
    expect(kinds('a.b@c.fr, 06 12 34 56 78, 1 85 05 78 006 084 91, 12 rue des Lilas, Mme Martin')).toEqual([
      ['email', 'a.b@c.fr', '[adresse électronique]'],
      ['phone', '06 12 34 56 78', '[téléphone]'],
      ['nir', '1 85 05 78 006 084 91', '[numéro de sécurité sociale]'],
      ['address', '12 rue des Lilas', '[adresse]'],
      ['civility_name', 'Mme Martin', 'Mme [nom]'],
    ]);
  });

  it('checks the social-security key, Corsica included', () => {
    expect(kinds('185057800608491')).toHaveLength(1);
    expect(kinds('185057800608492')).toHaveLength(0);
    expect(kinds('2 90 12 2A 004 123 67')).toHaveLength(1);
    expect(kinds('2 90 12 2B 004 123 67')).toHaveLength(0);
    // Sex digit 3 is not a person's number for this rule.
    expect(kinds('385057800608491')).toHaveLength(0);
  });

  it('keeps phone numbers out of longer digit runs and mixed separators', () => {
    expect(kinds('SIRET 80295478500028')).toEqual([]);
    expect(kinds('réf. 06123456789')).toEqual([]);
    expect(kinds('n° 06 2023 1145')).toEqual([]);
    expect(kinds('0612345678')).toEqual([['phone', '0612345678', '[téléphone]']]);
  });

  it('ignores functions after a civility and already redacted text', () => {
    expect(kinds('M. le Maire, Madame la Directrice, M. Le Préfet, Mme X. et M. [nom]')).toEqual([]);
    expect(kinds('Mme Durand Présidente du jury')).toEqual([['civility_name', 'Mme Durand', 'Mme [nom]']]);
  });

  it('finds members by first and last name, accents and case aside', () => {
    const members = new Set([nameKey('Aïcha Benali')]);
    expect(kinds('Merci AICHA BENALI et Aicha Benali', members)).toEqual([
      ['member', 'AICHA BENALI', '[membre]'],
      ['member', 'Aicha Benali', '[membre]'],
    ]);
  });

  it('bounds name candidates to runs of two or three capitalised words on one line', () => {
    expect(nameCandidates('Jean-Pierre Le Goff\nLyon').map((c) => c.text)).toEqual(['Jean-Pierre Le', 'Jean-Pierre Le Goff', 'Le Goff']);
    expect(nameCandidates('A '.repeat(50_000)).length).toBe(0);
    expect(nameCandidates('Ab Cd '.repeat(1000)).length).toBeLessThanOrEqual(300);
  });

  it('keeps the strongest of overlapping detections', () => {
    const d = resolveOverlaps([
      { kind: 'member', start: 4, end: 17, text: '', replacement: '' },
      { kind: 'civility_name', start: 0, end: 17, text: '', replacement: '' },
    ]);
    expect(d.map((x) => x.kind)).toEqual(['civility_name']);
  });

  it('applies accepted redactions without shifting the others', () => {
    const text = 'Mail a@b.fr, tél 06 12 34 56 78.';
    const found = detectInText(text);
    expect(applyRedactions(text, found)).toBe('Mail [adresse électronique], tél [téléphone].');
    expect(applyRedactions(text, [found[1]!])).toBe('Mail a@b.fr, tél [téléphone].');
  });
});
