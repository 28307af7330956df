/**
 * The veille activity figures (GET /api/communities/:slug/veille/activity), shared by the server that
 * computes them and the web client that charts them: 12 Paris weeks, by week of reception.
 */

export type SourceState = 'ok' | 'failing' | 'broken';

// A type alias (not an interface) so server rows typed with it stay plain records.
export type WeekFigures = { received: number; published: number; dismissed: number };
export interface Figures extends WeekFigures { pending: number; publishedShare: number | null }

export interface VeilleActivity {
  weeks: { start: string; startsAt: string }[];
  sources: (Figures & {
    id: number;
    title: string;
    /** `failing`: the last poll failed; `broken`: BROKEN_AFTER failures in a row or more (the team was told). */
    state: SourceState;
    error: { message: string; at: string; failuresInARow: number } | null;
    lastSuccessAt: string | null;
    weeks: WeekFigures[];
  })[];
  totals: Figures & { weeks: WeekFigures[] };
}
