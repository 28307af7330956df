/**
 * Small SVG charts. Each is an image with a summarising label (role="img" + aria-label)
 * followed by the same figures as a table in <details>, for screen readers and for precision.
 */

export interface Bar { label: string; value: number }

export function BarChart({ title, bars, unit, height = 160 }: { title: string; bars: Bar[]; unit: string; height?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = 100 / Math.max(1, bars.length);
  const summary = `${title} : ${bars.map((b) => `${b.label} ${b.value}`).join(', ')} ${unit}`;
  return (
    <figure className="chart">
      <svg role="img" aria-label={summary} viewBox={`0 0 100 ${height / 2}`} preserveAspectRatio="none" className="chart__svg" style={{ height }}>
        {bars.map((b, i) => {
          const h = (b.value / max) * (height / 2 - 2);
          return <rect key={b.label} x={i * width + width * 0.15} y={height / 2 - h} width={width * 0.7} height={h} className="chart__bar" />;
        })}
      </svg>
      <div className={bars.length > 6 ? 'chart__labels chart__labels--dense' : 'chart__labels'} aria-hidden="true" style={{ gridTemplateColumns: `repeat(${bars.length}, minmax(0, 1fr))` }}>
        {bars.map((b) => <span key={b.label}><strong>{b.value}</strong><br />{b.label}</span>)}
      </div>
      <details className="chart__data">
        <summary>Données du graphique « {title} »</summary>
        <table>
          <thead><tr><th scope="col">Libellé</th><th scope="col">Valeur ({unit})</th></tr></thead>
          <tbody>{bars.map((b) => <tr key={b.label}><th scope="row">{b.label}</th><td>{b.value}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}

export function ProgressBar({ value, target, label }: { value: number; target: number; label: string }) {
  const ratio = target > 0 ? Math.min(1, value / target) : 0;
  return (
    <div className="progress">
      <svg role="img" aria-label={`${label} : ${value} sur ${target} (${Math.round((value / Math.max(1, target)) * 100)} %)`} viewBox="0 0 100 6" preserveAspectRatio="none" className="progress__svg">
        <rect x="0" y="0" width="100" height="6" className="progress__track" />
        <rect x="0" y="0" width={ratio * 100} height="6" className={value >= target ? 'progress__fill progress__fill--done' : 'progress__fill'} />
      </svg>
    </div>
  );
}
