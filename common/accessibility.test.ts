import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT, conformity, conformityMention, statusOn, type Audit } from './accessibility.js';
import { renderAudit } from './accessibility-render.js';

const DOC = new URL('../docs/accessibility/rgaa-audit.md', import.meta.url);
const ROOT = new URL('../', import.meta.url);

describe('RGAA audit data', () => {
  it('grades the 106 criteria of RGAA 4.1 on every page, each with its evidence', () => {
    expect(AUDIT.criteria).toHaveLength(106);
    expect(new Set(AUDIT.criteria.map((c) => c.id)).size).toBe(106);
    const pageIds = new Set(AUDIT.pages.map((p) => p.id));
    for (const c of AUDIT.criteria) {
      for (const [page, status] of Object.entries(c.results)) {
        expect(page === '*' || pageIds.has(page), `${c.id} : page inconnue ${page}`).toBe(true);
        expect(['C', 'NC', 'NA'], `${c.id} : statut ${status}`).toContain(status);
      }
      expect(c.evidence.length, `${c.id} : preuve`).toBeGreaterThan(10);
      const failing = AUDIT.pages.some((p) => statusOn(c, p.id) === 'NC');
      expect(Boolean(c.issue), `${c.id} : une non-conformité dit sa correction prévue, et seulement elle`).toBe(failing);
    }
  });

  it('names only tests that exist, in the files it gives', () => {
    for (const c of AUDIT.criteria) {
      for (const [, file, name] of c.evidence.matchAll(/(e2e\/[\w-]+\.test\.ts) › ([^;]+?\))(?=$| ;| \()/g)) {
        const path = new URL(file!, ROOT);
        expect(existsSync(path), `${c.id} : ${file}`).toBe(true);
        expect(readFileSync(path, 'utf8'), `${c.id} : test « ${name} » dans ${file}`).toContain(name!);
      }
    }
  });

  it('computes the rate as RGAA does: non conforme on one page is non conforme', () => {
    const page = (id: string) => ({ id, name: id, path: '/' });
    const crit = (id: string, results: Record<string, 'C' | 'NC' | 'NA'>) => ({ id, theme: 't', level: 'A' as const, title: id, results, evidence: 'x' });
    const audit = { ...AUDIT, pages: [page('a'), page('b')], criteria: [crit('1', { '*': 'C' }), crit('2', { a: 'C', b: 'NC' }), crit('3', { '*': 'NA' }), crit('4', { a: 'NA', b: 'C' })] } as Audit;
    const c = conformity(audit);
    expect(c).toMatchObject({ conformes: 2, nonConformes: 1, nonApplicables: 1 });
    expect(c.rate).toBeCloseTo(200 / 3);
    // Page a: 2 C (1, 2); page b: 2 C (1, 4), 1 NC (2).
    expect(c.averageRate).toBeCloseTo((100 + 200 / 3) / 2);
    expect([conformityMention(100), conformityMention(50), conformityMention(49.9)]).toEqual(['totalement conforme', 'partiellement conforme', 'non conforme']);
  });

  it('docs/accessibility/rgaa-audit.md is rendered from the data', () => {
    const text = renderAudit(AUDIT);
    if (process.env.UPDATE_ACCESSIBILITY_DOC) writeFileSync(DOC, text);
    expect(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '', 'stale: UPDATE_ACCESSIBILITY_DOC=1 npx vitest run common/accessibility.test.ts').toBe(text);
  });
});
