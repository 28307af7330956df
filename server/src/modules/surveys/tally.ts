import type { CountRow, QuestionRow } from './queries.js';

/** Results of each question, from the one GROUP BY of answerCounts. */
export interface QuestionTally {
  id: number;
  kind: QuestionRow['kind'];
  label: string;
  required: boolean;
  options: { id: number; label: string; count: number }[];
  /** Counts of 1..5 for a scale question. */
  scale: number[] | null;
  average: number | null;
  textCount: number;
  answered: number;
}

export function tallies(questions: QuestionRow[], counts: CountRow[]): QuestionTally[] {
  return questions.map((q) => {
    const mine = counts.filter((c) => c.question_id === q.id);
    const scale = q.kind === 'scale' ? [1, 2, 3, 4, 5].map((v) => mine.find((c) => c.scale === v)?.n ?? 0) : null;
    const total = scale ? scale.reduce((a, b) => a + b, 0) : 0;
    const average = scale && total > 0 ? Math.round((scale.reduce((a, n, i) => a + n * (i + 1), 0) / total) * 10) / 10 : null;
    return {
      id: q.id,
      kind: q.kind,
      label: q.label,
      required: q.required,
      options: q.options.map((o) => ({ ...o, count: mine.find((c) => c.option_id === o.id)?.n ?? 0 })),
      scale,
      average,
      textCount: mine.find((c) => c.is_text)?.n ?? 0,
      answered: mine[0]?.answered ?? 0,
    };
  });
}

export function shareOf(count: number, of: number): number {
  return of === 0 ? 0 : Math.round((count / of) * 1000) / 10;
}
