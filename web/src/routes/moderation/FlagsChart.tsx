import type { ModerationStats } from './api';

type Series = ModerationStats['series'];

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** "29/11", "sem. du 24/11" or "nov. 2026": one bar pair's label. */
function bucketLabel(start: string, unit: Series['unit']): string {
  const [y, m, d] = start.split('-');
  if (unit === 'month') return `${MONTHS[Number(m) - 1]} ${y}`;
  return unit === 'week' ? `sem. du ${d}/${m}` : `${d}/${m}`;
}

/**
 * Flags received and handled over the period, side by side per day, week or month: whether the team
 * keeps up shows at a glance. An image with a summarising label, then the figures as a table.
 */
export function FlagsChart({ series }: { series: Series }) {
  const { buckets, unit } = series;
  const max = Math.max(1, ...buckets.flatMap((b) => [b.received, b.handled]));
  const slot = 100 / Math.max(1, buckets.length);
  const height = 50;
  const bar = (value: number) => (value / max) * (height - 1);
  const total = (k: 'received' | 'handled') => buckets.reduce((n, b) => n + b[k], 0);
  const per = unit === 'day' ? 'jour' : unit === 'week' ? 'semaine' : 'mois';
  const summary = `Signalements reçus et traités par ${per} : ${total('received')} reçus, ${total('handled')} traités sur la période`;
  return (
    <figure className="mod-chart">
      <figcaption>Signalements reçus et traités, par {per}</figcaption>
      <p className="mod-chart__legend small" aria-hidden="true">
        <span className="mod-chart__key mod-chart__key--received" /> reçus <span className="mod-chart__key mod-chart__key--handled" /> traités
      </p>
      <svg role="img" aria-label={summary} viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" className="mod-chart__svg">
        {buckets.map((b, i) => (
          <g key={b.start}>
            <rect x={i * slot + slot * 0.1} y={height - bar(b.received)} width={slot * 0.4} height={bar(b.received)} className="mod-chart__received" />
            <rect x={i * slot + slot * 0.5} y={height - bar(b.handled)} width={slot * 0.4} height={bar(b.handled)} className="mod-chart__handled" />
          </g>
        ))}
      </svg>
      <p className="mod-chart__axis small muted" aria-hidden="true">
        <span>{buckets[0] ? bucketLabel(buckets[0].start, unit) : ''}</span>
        <span>{buckets.length > 1 ? bucketLabel(buckets[buckets.length - 1]!.start, unit) : ''}</span>
      </p>
      <details>
        <summary>Données du graphique</summary>
        <div className="mod-table-scroll">
          <table className="mod-table">
            <caption className="visually-hidden">Signalements reçus et traités, par {per}</caption>
            <thead><tr><th scope="col">{per[0]!.toUpperCase() + per.slice(1)}</th><th scope="col">Reçus</th><th scope="col">Traités</th></tr></thead>
            <tbody>
              {buckets.map((b) => <tr key={b.start}><th scope="row">{bucketLabel(b.start, unit)}</th><td>{b.received}</td><td>{b.handled}</td></tr>)}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
