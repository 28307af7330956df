/** Formatting shared by the coordination, meeting and report pages. */

/** 0.873 -> "87,3 %"; null -> "sans objet" (nothing to measure yet). */
export function percent(share: number | null): string {
  if (share === null) return 'sans objet';
  return `${(Math.round(share * 1000) / 10).toLocaleString('fr-FR')} %`;
}

/** Seconds as "2 j 4 h", "3 h 12 min" or "5 min". */
export function duration(seconds: number | null): string {
  if (seconds === null) return 'sans objet';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} j ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}
