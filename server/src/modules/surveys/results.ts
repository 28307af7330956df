import { LIMITS } from '../../../../common/limits.js';
import { utcToParis } from '../../../../common/time/index.js';
import { frenchCsv, type CsvValue } from '../../lib/french-csv.js';
import type { ExportRow, QuestionRow } from './queries.js';
import { shareOf, type QuestionTally } from './tally.js';

/** The results of a mini-enquête as a post (Markdown) and as CSV files. */

function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]|<>#]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** « 12/05/2026 à 14 h 30 », Paris time. */
function parisText(instant: Date): string {
  const { date, time } = utcToParis(instant);
  return `${date.split('-').reverse().join('/')} à ${time.replace(':', ' h ')}`;
}

const percent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const KIND_LABELS: Record<QuestionTally['kind'], string> = {
  single: 'choix unique', multiple: 'choix multiples', scale: 'échelle de 1 à 5', text: 'texte court',
};

export function surveyResultsTitle(title: string): string {
  const full = `Résultats de la mini-enquête : ${title}`;
  return full.length > LIMITS.postTitle ? `${full.slice(0, LIMITS.postTitle - 1)}…` : full;
}

function questionMarkdown(q: QuestionTally, i: number): string[] {
  const head = [`### ${i + 1}. ${escapeMd(q.label)}`, '', `*${KIND_LABELS[q.kind]}, ${q.answered} réponse${q.answered > 1 ? 's' : ''}*`, ''];
  if (q.kind === 'text') return [...head, 'Les réponses libres sont lues par l’animation, qui en rend compte dans son commentaire.', ''];
  const rows = q.kind === 'scale'
    ? q.scale!.map((n, v) => `| ${v + 1} | ${n} | ${percent.format(shareOf(n, q.answered))} % |`)
    : q.options.map((o) => `| ${escapeMd(o.label)} | ${o.count} | ${percent.format(shareOf(o.count, q.answered))} % |`);
  const average = q.kind === 'scale' && q.average !== null ? [`Moyenne : ${percent.format(q.average)} sur 5.`, ''] : [];
  return [...head, `| ${q.kind === 'scale' ? 'Note' : 'Réponse'} | Réponses | Part |`, '|:---|---:|---:|', ...rows, '', ...average];
}

export function surveyResultsMarkdown(input: {
  surveyId: number; title: string; closesAt: Date; participants: number; questions: QuestionTally[]; commentary: string;
}): string {
  const n = input.participants;
  const who = n === 0 ? 'aucune participation' : n === 1 ? '1 participant·e' : `${n} participant·e·s`;
  return [
    `Résultats de la mini-enquête [« ${escapeMd(input.title)} »](/enquetes/${input.surveyId}), close le ${parisText(input.closesAt)} : ${who}.`,
    '',
    ...input.questions.flatMap(questionMarkdown),
    '## Commentaire de l’animation',
    '',
    input.commentary.trim(),
    '',
  ].join('\n');
}

/** The aggregated results: one line per question and answer (or scale value), counts and shares as numbers. */
export function summaryCsv(questions: QuestionTally[]): Buffer {
  const rows: CsvValue[][] = [['question', 'type', 'reponse', 'nombre', 'part_pourcent']];
  questions.forEach((q, i) => {
    const label = `${i + 1}. ${q.label}`;
    if (q.kind === 'scale') q.scale!.forEach((n, v) => rows.push([label, KIND_LABELS[q.kind], v + 1, n, shareOf(n, q.answered)]));
    else if (q.kind === 'text') rows.push([label, KIND_LABELS[q.kind], 'réponses libres', q.textCount, shareOf(q.textCount, q.answered)]);
    else for (const o of q.options) rows.push([label, KIND_LABELS[q.kind], o.label, o.count, shareOf(o.count, q.answered)]);
  });
  return frenchCsv(rows);
}

/** One line per respondent of a named survey, one column per question (several choices joined by « | »). */
export function responsesCsv(questions: QuestionRow[], submissions: ExportRow[]): Buffer {
  const options = new Map(questions.flatMap((q) => q.options.map((o) => [o.id, o.label] as const)));
  const rows: CsvValue[][] = [['repondant', 'date', ...questions.map((q, i) => `${i + 1}. ${q.label}`)]];
  for (const s of submissions) {
    const cells = questions.map((q) => {
      const mine = s.answers.filter((a) => Number(a.q) === q.id);
      if (mine.length === 0) return null;
      if (q.kind === 'scale') return mine[0]!.s;
      if (q.kind === 'text') return mine[0]!.t;
      return mine.map((a) => options.get(Number(a.o)) ?? '').join(' | ');
    });
    rows.push([s.respondent, parisText(new Date(s.created_at)), ...cells]);
  }
  return frenchCsv(rows);
}
