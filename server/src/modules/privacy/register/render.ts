import { LEGAL_BASIS_LABEL, type Deletion, type NoPersonalData, type RegisterEntry } from './types.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function deletionText(d: Deletion): string {
  if (d.action === 'delete') return 'Supprimées';
  if (d.action === 'erase') return `Conservées, ${d.columns.map((c) => `\`${c}\``).join(', ')} effacé(s)${d.note ? ` ; ${d.note}` : ''}`;
  return `Conservées : ${d.reason}`;
}

/** docs/privacy.md, generated from the register (register.test.ts fails when the file is stale). */
export function renderRegister(entries: RegisterEntry[], none: NoPersonalData[]): string {
  const lines = [
    '# Registre des traitements de données personnelles',
    '',
    '<!-- Généré depuis server/src/modules/privacy/register/ : ne pas modifier à la main.',
    '     UPDATE_PRIVACY_DOC=1 npx vitest run server/src/modules/privacy/register.test.ts -->',
    '',
    'Ce registre (RGPD, article 30) décrit chaque table de la base qui contient des données personnelles : ce qu’elle',
    'garde, pourquoi, sur quelle base légale, combien de temps, qui peut la lire, ce que livre « Exporter mes données »',
    'et ce que fait la suppression du compte. Un test compare ce registre à la base migrée : une table ou une colonne',
    'de données personnelles ajoutée sans entrée le fait échouer. Les durées sont appliquées par les tâches de fond',
    '(`accounts-purge`, `veille-purge`, `cnfpt-purge`, `idempotency-keys-purge`, `privacy-retention`).',
    '',
    'Responsable du traitement : l’organisme public qui pilote le réseau (voir les mentions légales).',
    '',
    '| Table | Données | Finalité | Base légale | Conservation | Qui peut la lire | Export | Suppression du compte |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const e of entries) {
    const exp = typeof e.export === 'string' ? `\`${e.export}\`` : `Non : ${e.export.excluded}`;
    lines.push(`| \`${e.table}\` | ${e.columns.map((c) => `\`${c}\``).join(', ')} | ${cell(e.purpose)} | ${LEGAL_BASIS_LABEL[e.legalBasis]} | ${cell(e.retention)} | ${cell(e.readers)} | ${cell(exp)} | ${cell(deletionText(e.deletion))} |`);
  }
  lines.push('', '## Tables sans donnée personnelle', '', '| Table | Contenu |', '|---|---|');
  for (const n of none) lines.push(`| \`${n.table}\` | ${cell(n.why)} |`);
  lines.push('');
  return lines.join('\n');
}
