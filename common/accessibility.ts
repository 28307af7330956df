import audit from '../docs/accessibility/rgaa-audit.json' with { type: 'json' };

/**
 * The RGAA 4.1 self-audit (docs/accessibility/rgaa-audit.json) and the figures derived from it. The accessibility
 * statement, the footer mention and the multi-year plan all read these, so they cannot disagree.
 */

export type Status = 'C' | 'NC' | 'NA';

export interface AuditPage { id: string; name: string; path: string }

export interface AuditCriterion {
  id: string;
  theme: string;
  level: 'A' | 'AA';
  title: string;
  /** Result per page id; '*' is every page not listed. */
  results: Record<string, Status>;
  /** A test name (file › test) or a manual check, step by step. */
  evidence: string;
  /** For a criterion non conforme somewhere: what fails, and the planned fix. */
  issue?: { description: string; fix: string; due: string };
}

export interface Audit {
  referential: string;
  auditedOn: string;
  auditor: string;
  method: string;
  environment: string[];
  pages: AuditPage[];
  criteria: AuditCriterion[];
  derogations: { content: string; reason: string; alternative: string }[];
  exemptions: { content: string; reason: string }[];
}

// JSON imports type strings as string: the file is checked against these types by common/accessibility.test.ts.
export const AUDIT = audit as unknown as Audit;

export function statusOn(criterion: AuditCriterion, pageId: string): Status {
  return criterion.results[pageId] ?? criterion.results['*'] ?? 'NA';
}

/**
 * RGAA's rate (« Évaluation de la conformité », accessibilite.numerique.gouv.fr): a criterion is conforme when it
 * passes on every page of the sample where it applies, non conforme when it fails on any one page, non applicable
 * when it applies to no page; the rate is conformes / (conformes + non conformes). The average of the pages' own
 * rates is given beside it, as RGAA allows, but the statement and the footer use the global rate.
 */
export function conformity(a: Audit = AUDIT) {
  const global = a.criteria.map((c) => {
    const statuses = a.pages.map((p) => statusOn(c, p.id));
    return statuses.includes('NC') ? 'NC' : statuses.includes('C') ? 'C' : 'NA';
  });
  const conformes = global.filter((s) => s === 'C').length;
  const nonConformes = global.filter((s) => s === 'NC').length;
  const rate = conformes + nonConformes === 0 ? 100 : (100 * conformes) / (conformes + nonConformes);
  const pageRates = a.pages.map((p) => {
    const s = a.criteria.map((c) => statusOn(c, p.id));
    const ok = s.filter((x) => x === 'C').length;
    const ko = s.filter((x) => x === 'NC').length;
    return { page: p, rate: ok + ko === 0 ? 100 : (100 * ok) / (ok + ko), conformes: ok, nonConformes: ko };
  });
  const averageRate = pageRates.reduce((sum, p) => sum + p.rate, 0) / Math.max(1, pageRates.length);
  const failing = a.criteria.filter((_, i) => global[i] === 'NC');
  return { rate, conformes, nonConformes, nonApplicables: global.length - conformes - nonConformes, averageRate, pageRates, failing };
}

/** The mention the law requires on every page (décret 2019-768): from the global rate. */
export function conformityMention(rate: number): string {
  if (rate >= 100) return 'totalement conforme';
  if (rate >= 50) return 'partiellement conforme';
  return 'non conforme';
}

/** « 93,5 % », as the statement prints it. */
export function formatRate(rate: number): string {
  return `${(Math.floor(rate * 10) / 10).toLocaleString('fr-FR')} %`;
}
