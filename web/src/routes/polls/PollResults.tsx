import type { Poll } from './api';
import { plural } from '../../lib/format';

const pct = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * Results as horizontal bars whose figures are written out in text (the bars themselves are decoration),
 * with the same figures as a table for those who prefer one.
 */
export function PollResults({ poll }: { poll: Poll }) {
  const voters = poll.totalVoters ?? 0;
  const captionId = `poll-${poll.postId}-caption`;
  return (
    <div className="stack">
      <figure className="poll-chart" aria-labelledby={captionId}>
        <figcaption id={captionId} className="poll-chart__caption">
          Résultats : {voters === 0 ? 'aucune réponse pour le moment' : plural(voters, 'participant·e', 'participant·e·s')}
          {poll.multiple ? ' (plusieurs réponses possibles : le total peut dépasser 100 %)' : ''}
        </figcaption>
        <ul className="plain-list poll-chart__list">
          {poll.options.map((o) => {
            const mine = poll.myVote?.optionIds.includes(o.id);
            return (
              <li key={o.id} className="poll-chart__row">
                <span className="poll-chart__label">
                  {o.label}
                  {mine ? <span className="poll-chart__mine"> (votre réponse)</span> : null}
                </span>
                <span className="poll-chart__track" aria-hidden="true">
                  <span className="poll-chart__bar" style={{ width: `${o.percent ?? 0}%` }} />
                </span>
                <span className="poll-chart__figure">
                  {plural(o.count ?? 0, 'voix', 'voix')} · {pct.format(o.percent ?? 0)} %
                </span>
              </li>
            );
          })}
        </ul>
      </figure>
      <details>
        <summary>Afficher les résultats sous forme de tableau</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Résultats du sondage « {poll.title} »</caption>
            <thead>
              <tr><th scope="col">Réponse</th><th scope="col">Voix</th><th scope="col">Part des participant·e·s</th></tr>
            </thead>
            <tbody>
              {poll.options.map((o) => (
                <tr key={o.id}><th scope="row">{o.label}</th><td>{o.count ?? 0}</td><td>{pct.format(o.percent ?? 0)} %</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
