import { formatDate } from '../../lib/format';
import { PeriodForm, useRecentPeriod } from '../../components/PeriodForm';
import { QueryState } from '../../ui';
import { useModerationStats, type ModerationAction, type ModerationStats } from './api';
import { FlagsChart } from './FlagsChart';
import { ACTION_LABELS, formatSeconds } from './labels';

/** Flags received and handled, median time to handle and actions by kind, over a chosen period. */
export function StatsPanel({ slug }: { slug: string | null }) {
  const [period, setPeriod] = useRecentPeriod(30);
  const stats = useModerationStats(slug, period.from, period.to);
  return (
    <div className="stack">
      <PeriodForm
        aria-label="Période des chiffres de modération"
        period={period}
        onChange={setPeriod}
        validate={(v): Record<string, string> => (v.from && v.to && v.from <= v.to ? {} : { to: 'Choisissez deux dates, la fin après le début.' })}
      />
      <QueryState query={stats} loading="Calcul des chiffres…">{(s) => <Figures s={s} />}</QueryState>
    </div>
  );
}

function Figures({ s }: { s: ModerationStats }) {
  const max = Math.max(1, ...s.actions.map((a) => a.count));
  return (
    <div className="stack" aria-live="polite">
      <p className="small muted">Du {formatDate(s.period.from)} au {formatDate(s.period.to)}.</p>
      <dl className="mod-figures">
        <div><dt>Signalements reçus</dt><dd>{s.flagsReceived}</dd></div>
        <div><dt>Signalements traités</dt><dd>{s.flagsHandled}</dd></div>
        <div><dt>Délai médian de traitement</dt><dd>{formatSeconds(s.medianHandleSeconds)}</dd></div>
        <div><dt>En attente aujourd’hui</dt><dd>{s.pending}</dd></div>
      </dl>
      <FlagsChart series={s.series} />
      <div className="mod-table-scroll">
        <table className="mod-table">
          <caption className="visually-hidden">Décisions de modération par type</caption>
          <thead><tr><th scope="col">Décision</th><th scope="col">Nombre</th></tr></thead>
          <tbody>
            {s.actions.length === 0 ? <tr><td colSpan={2}>Aucune décision sur la période.</td></tr> : null}
            {s.actions.map((a) => (
              <tr key={a.action}>
                <th scope="row">{ACTION_LABELS[a.action as ModerationAction] ?? a.action}</th>
                <td><span className="mod-bar" style={{ width: `${(a.count / max) * 8}rem` }} aria-hidden="true" />{a.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
