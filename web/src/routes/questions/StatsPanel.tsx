import { formatDate, fullName, plural } from '../../lib/format';
import { PeriodForm, useRecentPeriod } from '../../components/PeriodForm';
import { QueryState } from '../../ui';
import { useStats, type Stats } from './api';
import { formatDuration, formatShare } from './time-left';

/** Time to first response and share answered within the deadline, for a chosen period. */
export function StatsPanel({ slug }: { slug: string }) {
  const [period, setPeriod] = useRecentPeriod(90);
  const stats = useStats(slug, period.from, period.to);
  return (
    <div className="stack">
      <PeriodForm
        aria-label="Période des indicateurs"
        period={period}
        onChange={setPeriod}
        validate={(v) => {
          if (!v.from || !v.to) return { ...(v.from ? {} : { from: 'Choisissez une date.' }), ...(v.to ? {} : { to: 'Choisissez une date.' }) };
          return v.from > v.to ? { to: 'La date de fin doit suivre la date de début.' } : {};
        }}
        rowClassName="row settings-row"
      />
      <QueryState query={stats} loading="Calcul des indicateurs…">{(s) => <Figures s={s} />}</QueryState>
    </div>
  );
}

function ShareBar({ share }: { share: number | null }) {
  const pct = share === null ? 0 : Math.round(share * 100);
  return (
    <span className="share-bar" aria-hidden="true">
      <span className="share-bar__fill" style={{ width: `${pct}%` }} />
    </span>
  );
}

function Figures({ s }: { s: Stats }) {
  return (
    <div className="stack" aria-live="polite">
      <p>
        Questions posées du {formatDate(s.period.from)} au {formatDate(s.period.to)} : <strong>{s.asked}</strong>
        {' '}({plural(s.answered, 'répondue', 'répondues')}, {plural(s.open, 'encore ouverte', 'encore ouvertes')}
        {s.overdue > 0 ? `, dont ${s.overdue} en retard` : ''}).
      </p>
      <dl className="figures">
        <div><dt>Délai médian de première réponse</dt><dd>{formatDuration(s.medianSeconds)}</dd></div>
        <div><dt>90 % des réponses en moins de</dt><dd>{formatDuration(s.p90Seconds)}</dd></div>
        <div>
          <dt>Réponses dans les délais</dt>
          <dd>
            {formatShare(s.shareWithinDeadline)}
            <ShareBar share={s.shareWithinDeadline} />
            <span className="small muted figures__note">{s.answeredWithinDeadline} sur {s.decided} questions échues ou répondues</span>
          </dd>
        </div>
      </dl>
      <p className="small muted">
        Première réponse : la première réponse d’un·e animateur·rice ou coordinateur·rice, ou la réponse retenue comme solution
        par l’auteur·e de la question si elle est antérieure. « j » : jours, « h » : heures.
      </p>
      {s.byAnimator.length > 0 ? (
        <>
          <h3 id="by-animator-title" className="figures-table__title">Par membre de l’équipe d’animation</h3>
          <p className="small muted">Questions dont il ou elle a donné la première réponse.</p>
          <div className="table-scroll">
          <table className="figures-table" aria-labelledby="by-animator-title">
            <thead>
              <tr><th scope="col">Nom</th><th scope="col">Réponses</th><th scope="col">Délai médian</th><th scope="col">90e centile</th><th scope="col">Dans les délais</th></tr>
            </thead>
            <tbody>
              {s.byAnimator.map((r) => (
                <tr key={r.user.id}>
                  <th scope="row">{fullName(r.user)}</th>
                  <td>{r.answered}</td>
                  <td>{formatDuration(r.medianSeconds)}</td>
                  <td>{formatDuration(r.p90Seconds)}</td>
                  <td>{formatShare(r.shareWithinDeadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
