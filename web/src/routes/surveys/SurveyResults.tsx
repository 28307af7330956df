import { plural } from '../../lib/format';
import type { Survey, SurveyQuestion } from './api';
import { KIND_LABELS } from './NewSurveyPage';

const pct = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

/**
 * Each question's results as horizontal bars whose figures are written out in text (the bars are decoration),
 * and the same figures as a table for those who prefer one. Short texts are counted here, read by staff below.
 */
export function SurveyResults({ survey }: { survey: Survey }) {
  const n = survey.participants ?? 0;
  return (
    <div className="stack">
      <p><strong>{n === 0 ? 'Aucune participation pour le moment.' : `${plural(n, 'participation')}.`}</strong></p>
      {survey.questions.map((q, i) => <QuestionResults key={q.id} q={q} n={i + 1} />)}
    </div>
  );
}

function rowsOf(q: SurveyQuestion): { key: number; label: string; count: number }[] {
  if (q.kind === 'scale') return (q.scale?.counts ?? [0, 0, 0, 0, 0]).map((count, v) => ({ key: v + 1, label: `${v + 1} sur 5`, count }));
  return q.options.map((o) => ({ key: o.id, label: o.label, count: o.count ?? 0 }));
}

function QuestionResults({ q, n }: { q: SurveyQuestion; n: number }) {
  const answered = q.answered ?? 0;
  const titleId = `survey-q-${q.id}`;
  const head = (
    <>
      <h3 id={titleId}>{n}. {q.label}</h3>
      <p className="muted small">{KIND_LABELS[q.kind]} · {plural(answered, 'réponse')}</p>
    </>
  );
  if (q.kind === 'text') {
    return (
      <section className="survey-results__question" aria-labelledby={titleId}>
        {head}
        <p>{plural(q.textCount ?? 0, 'réponse écrite', 'réponses écrites')} : lues par l’animation seulement.</p>
      </section>
    );
  }
  const rows = rowsOf(q);
  return (
    <section className="survey-results__question" aria-labelledby={titleId}>
      {head}
      <figure className="poll-chart" aria-labelledby={`${titleId}-cap`}>
        <figcaption id={`${titleId}-cap`} className="poll-chart__caption">
          Répartition des réponses{q.kind === 'multiple' ? ' (plusieurs réponses possibles : le total peut dépasser 100 %)' : ''}
          {q.kind === 'scale' && q.scale?.average != null ? ` · moyenne ${pct.format(q.scale.average)} sur 5` : ''}
        </figcaption>
        <ul className="plain-list poll-chart__list">
          {rows.map((r) => (
            <li key={r.key} className="poll-chart__row">
              <span className="poll-chart__label">{r.label}</span>
              <span className="poll-chart__track" aria-hidden="true"><span className="poll-chart__bar" style={{ width: `${share(r.count, answered)}%` }} /></span>
              <span className="poll-chart__figure">{plural(r.count, 'réponse')} · {pct.format(share(r.count, answered))} %</span>
            </li>
          ))}
        </ul>
      </figure>
      <details>
        <summary>Afficher sous forme de tableau</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Résultats de la question « {q.label} »</caption>
            <thead><tr><th scope="col">{q.kind === 'scale' ? 'Note' : 'Réponse'}</th><th scope="col">Réponses</th><th scope="col">Part</th></tr></thead>
            <tbody>
              {rows.map((r) => <tr key={r.key}><th scope="row">{r.label}</th><td>{r.count}</td><td>{pct.format(share(r.count, answered))} %</td></tr>)}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
