/**
 * Small SVG charts. Each is an image with a summarising label (role="img" + aria-label)
 * followed by the same figures as a table in <details>, for screen readers and for precision.
 */

export interface Bar { label: string; value: number }

/**
 * `target`: the figure the bars are read against (a monthly objective). The chart's full height is then the target
 * (or the largest bar above it), so that 1, 1 and 1 against 20 look small rather than full; a line marks it.
 */
export function BarChart({ title, bars, unit, height = 160, target }: { title: string; bars: Bar[]; unit: string; height?: number; target?: { value: number; label: string } }) {
  const max = Math.max(1, target?.value ?? 0, ...bars.map((b) => b.value));
  const width = 100 / Math.max(1, bars.length);
  const summary = `${title} : ${bars.map((b) => `${b.label} ${b.value}`).join(', ')} ${unit}${target ? ` ; ${target.label} : ${target.value}` : ''}`;
  const targetY = target ? height / 2 - (target.value / max) * (height / 2 - 2) : 0;
  return (
    <figure className="chart">
      <svg role="img" aria-label={summary} viewBox={`0 0 100 ${height / 2}`} preserveAspectRatio="none" className="chart__svg" style={{ height }}>
        {bars.map((b, i) => {
          const h = (b.value / max) * (height / 2 - 2);
          return <rect key={b.label} x={i * width + width * 0.15} y={height / 2 - h} width={width * 0.7} height={h} className="chart__bar" />;
        })}
        {target ? <line x1="0" x2="100" y1={targetY} y2={targetY} className="chart__target" /> : null}
      </svg>
      {target ? <p className="chart__target-label small muted">Ligne pointillée : {target.label} ({target.value} {unit})</p> : null}
      <div className={bars.length > 6 ? 'chart__labels chart__labels--dense' : 'chart__labels'} aria-hidden="true" style={{ gridTemplateColumns: `repeat(${bars.length}, minmax(0, 1fr))` }}>
        {bars.map((b) => <span key={b.label}><strong>{b.value}</strong><br />{b.label}</span>)}
      </div>
      <details className="chart__data">
        <summary>Données du graphique « {title} »</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
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

export interface ChartSeries { label: string; tone: 'primary' | 'success' | 'accent' }
export interface BarGroup { label: string; values: number[] }

/**
 * Several series side by side per group (e.g. per week: received, published, dismissed). Same
 * accessibility as BarChart: a summarising label on the image, a visible legend, and every
 * figure in the table of <details>.
 */
export function GroupedBarChart({ title, groups, series, unit, groupHeader = 'Libellé', height = 160 }: {
  title: string; groups: BarGroup[]; series: ChartSeries[]; unit: string; groupHeader?: string; height?: number;
}) {
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const width = 100 / Math.max(1, groups.length);
  const barWidth = (width * 0.8) / Math.max(1, series.length);
  const summary = `${title} (${unit}) : ${groups.map((g) => `${g.label} : ${series.map((s, i) => `${s.label} ${g.values[i] ?? 0}`).join(', ')}`).join(' ; ')}`;
  return (
    <figure className="chart">
      <ul className="chart__legend" aria-label={`Légende du graphique « ${title} »`}>
        {series.map((s) => <li key={s.label}><span className={`chart__swatch chart__bar--${s.tone}`} aria-hidden="true" />{s.label}</li>)}
      </ul>
      <svg role="img" aria-label={summary} viewBox={`0 0 100 ${height / 2}`} preserveAspectRatio="none" className="chart__svg" style={{ height }}>
        {groups.map((g, i) => series.map((s, j) => {
          const h = ((g.values[j] ?? 0) / max) * (height / 2 - 2);
          return <rect key={`${g.label}-${s.label}`} x={i * width + width * 0.1 + j * barWidth} y={height / 2 - h} width={barWidth} height={h} className={`chart__bar chart__bar--${s.tone}`} />;
        }))}
      </svg>
      <div className={groups.length > 6 ? 'chart__labels chart__labels--dense' : 'chart__labels'} aria-hidden="true" style={{ gridTemplateColumns: `repeat(${groups.length}, minmax(0, 1fr))` }}>
        {groups.map((g) => <span key={g.label}>{g.label}</span>)}
      </div>
      <details className="chart__data">
        <summary>Données du graphique « {title} »</summary>
        <table>
          {/* The table's own title (RGAA 5.4): the summary above names the disclosure, not the table. */}
          <caption className="visually-hidden">{title}</caption>
          <thead><tr><th scope="col">{groupHeader}</th>{series.map((s) => <th key={s.label} scope="col">{s.label} ({unit})</th>)}</tr></thead>
          <tbody>{groups.map((g) => <tr key={g.label}><th scope="row">{g.label}</th>{series.map((s, j) => <td key={s.label}>{g.values[j] ?? 0}</td>)}</tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
