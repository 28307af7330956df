import { conformity, conformityMention, formatRate, statusOn, type Audit } from './accessibility.js';

const SYMBOL = { C: 'C', NC: '**NC**', NA: '–' } as const;
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/accessibility/rgaa-audit.md: the audit grid as a readable table, generated from the data file. */
export function renderAudit(a: Audit): string {
  const c = conformity(a);
  const lines = [
    `# Audit ${a.referential} — ${a.auditedOn}`,
    '',
    '<!-- Généré depuis docs/accessibility/rgaa-audit.json : ne pas modifier à la main.',
    '     UPDATE_ACCESSIBILITY_DOC=1 npx vitest run common/accessibility.test.ts -->',
    '',
    `${a.auditor}. ${a.method}`,
    '',
    `**Taux de conformité (RGAA) : ${formatRate(c.rate)}** — ${c.conformes} critères conformes, ${c.nonConformes} non conformes, ${c.nonApplicables} non applicables ; mention « Accessibilité : ${conformityMention(c.rate)} ». Taux moyen des pages : ${formatRate(c.averageRate)}.`,
    '',
    'Un critère est non conforme dès qu’il échoue sur une page de l’échantillon ; C = conforme, NC = non conforme, – = non applicable.',
    '',
    '## Échantillon',
    '',
    '| N° | Page | Adresse | Taux de la page |',
    '|---|---|---|---|',
    ...a.pages.map((p, i) => `| P${i + 1} | ${p.name} | \`${p.path}\` | ${formatRate(c.pageRates[i]!.rate)} |`),
    '',
    '## Grille',
    '',
    `| Critère | Niveau | ${a.pages.map((_, i) => `P${i + 1}`).join(' | ')} | Preuve |`,
    `|---|---|${a.pages.map(() => '---').join('|')}|---|`,
    ...a.criteria.map((k) => `| **${k.id}** ${cell(k.title)} | ${k.level} | ${a.pages.map((p) => SYMBOL[statusOn(k, p.id)]).join(' | ')} | ${cell(k.evidence)} |`),
    '',
    '## Non-conformités et corrections prévues',
    '',
    ...c.failing.map((k) => `- **${k.id}** ${k.issue ? `${k.issue.description} Correction : ${k.issue.fix} (échéance ${k.issue.due}).` : ''}`),
    '',
  ];
  return lines.join('\n');
}
