import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createUser } from '../../../test/factories.js';
import { CORPUS, CORPUS_MEMBERS } from './corpus.js';
import type { PersonalDataKind } from './rules.js';
import { detectPersonalData } from './service.js';

describe('anonymisation corpus', async () => {
  const { app } = await useTestApp();

  it('finds at least 90 % of the labelled personal data with at least 90 % precision, and prints the figures', async () => {
    for (const m of CORPUS_MEMBERS) await createUser(app, m);
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);

    const stats = new Map<PersonalDataKind, { expected: number; found: number; detected: number; correct: number }>();
    const row = (k: PersonalDataKind) => {
      if (!stats.has(k)) stats.set(k, { expected: 0, found: 0, detected: 0, correct: 0 });
      return stats.get(k)!;
    };
    const misses: string[] = [];
    for (const entry of CORPUS) {
      for (const x of entry.expect) expect(entry.text, `span « ${x.text} » is in its sentence`).toContain(x.text);
      const got = await detectPersonalData(app.db, entry.text);
      for (const x of entry.expect) {
        row(x.kind).expected += 1;
        if (got.some((g) => g.kind === x.kind && g.text === x.text)) row(x.kind).found += 1;
        else misses.push(`manqué ${x.kind} « ${x.text} »`);
      }
      for (const g of got) {
        row(g.kind).detected += 1;
        if (entry.expect.some((x) => x.kind === g.kind && x.text === g.text)) row(g.kind).correct += 1;
        else misses.push(`en trop ${g.kind} « ${g.text} »`);
        expect(entry.text.slice(g.start, g.end)).toBe(g.text);
      }
    }

    const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((100 * a) / b)} %`);
    const lines = [...stats].map(([kind, s]) => ({
      type: kind, attendus: s.expected, trouvés: s.found, rappel: pct(s.found, s.expected), détectés: s.detected, précision: pct(s.correct, s.detected),
    }));
    const total = [...stats.values()].reduce((t, s) => ({
      expected: t.expected + s.expected, found: t.found + s.found, detected: t.detected + s.detected, correct: t.correct + s.correct,
    }), { expected: 0, found: 0, detected: 0, correct: 0 });
    lines.push({ type: 'total' as PersonalDataKind, attendus: total.expected, trouvés: total.found, rappel: pct(total.found, total.expected), détectés: total.detected, précision: pct(total.correct, total.detected) });
    console.log(`Corpus d’anonymisation : ${CORPUS.length} phrases, part des données trouvées ${pct(total.found, total.expected)}`);
    console.table(lines);
    if (misses.length) console.log(misses.join('\n'));

    expect(total.found / total.expected).toBeGreaterThanOrEqual(0.9);
    expect(total.correct / total.detected).toBeGreaterThanOrEqual(0.9);
  });
});
