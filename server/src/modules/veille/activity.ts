import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { BROKEN_AFTER } from './poller.js';
import type { Figures, VeilleActivity, WeekFigures } from '../../../../common/api/veille.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

export type { SourceState, VeilleActivity } from '../../../../common/api/veille.js';

/**
 * Activity of a community's veille over the last ACTIVITY_WEEKS Paris weeks (Monday to Sunday, the
 * current one included), per source and per week.
 *
 * Figures are by week of reception: of the items received that week (fetched_at), how many are
 * published, dismissed, or still to sort today. So received = published + dismissed + pending, and
 * the published share (published / received) is a proportion of what came in. The retention job
 * keeps every item at least VEILLE_MIN_RETENTION_DAYS (config.ts), so the oldest week is complete.
 *
 * Three statements per request, whatever the number of sources: the weeks, the sources, and the
 * figures, grouped in SQL over one range of veille_items_activity_idx (community, fetched_at, source,
 * status: an index-only scan).
 */

export const ACTIVITY_WEEKS = 12;

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function figures(weeks: WeekFigures[]): Figures {
  const received = weeks.reduce((n, w) => n + w.received, 0);
  const published = weeks.reduce((n, w) => n + w.published, 0);
  const dismissed = weeks.reduce((n, w) => n + w.dismissed, 0);
  return { received, published, dismissed, pending: received - published - dismissed, publishedShare: received > 0 ? published / received : null };
}

export async function veilleActivity(db: DbOrTx, communityId: number): Promise<VeilleActivity> {
  const { rows: weeks } = await db.execute<{ start: string; starts_at: string }>(sql`
    SELECT to_char(d, 'YYYY-MM-DD') AS start, (d AT TIME ZONE ${parisZoneSql}) AS starts_at
      FROM generate_series(date_trunc('week', now() AT TIME ZONE ${parisZoneSql}) - make_interval(weeks => ${ACTIVITY_WEEKS - 1}),
                           date_trunc('week', now() AT TIME ZONE ${parisZoneSql}), interval '1 week') AS d
     ORDER BY d`);
  const { rows: sources } = await db.execute<{
    id: number; title: string; failure_count: number; last_error: string | null; last_error_at: string | null; last_success_at: string | null;
  }>(sql`
    SELECT id, title, failure_count, last_error, last_error_at, last_success_at
      FROM veille_sources WHERE community_id = ${communityId} ORDER BY title, id`);
  const { rows: counts } = await db.execute<{ source_id: number; week: string } & WeekFigures>(sql`
    SELECT i.source_id, to_char(date_trunc('week', i.fetched_at AT TIME ZONE ${parisZoneSql}), 'YYYY-MM-DD') AS week,
           count(*)::int AS received,
           count(*) FILTER (WHERE i.status = 'published')::int AS published,
           count(*) FILTER (WHERE i.status = 'dismissed')::int AS dismissed
      FROM veille_items i
     WHERE i.community_id = ${communityId} AND i.fetched_at >= ${weeks[0]!.starts_at}::timestamptz
     GROUP BY 1, 2`);

  const weekIndex = new Map(weeks.map((w, i) => [w.start, i]));
  const empty = (): WeekFigures[] => weeks.map(() => ({ received: 0, published: 0, dismissed: 0 }));
  const bySource = new Map(sources.map((s) => [Number(s.id), empty()]));
  const all = empty();
  for (const c of counts) {
    const i = weekIndex.get(c.week);
    const row = bySource.get(Number(c.source_id));
    // An item fetched "in the future" (clock skew between servers) has no column: left out.
    if (i === undefined || !row) continue;
    for (const target of [row[i]!, all[i]!]) {
      target.received += c.received;
      target.published += c.published;
      target.dismissed += c.dismissed;
    }
  }
  return {
    weeks: weeks.map((w) => ({ start: w.start, startsAt: iso(w.starts_at)! })),
    sources: sources.map((s) => {
      const w = bySource.get(Number(s.id))!;
      const failing = s.last_error !== null && s.last_error_at !== null;
      return {
        id: Number(s.id),
        title: s.title,
        state: failing ? (s.failure_count >= BROKEN_AFTER ? 'broken' : 'failing') : 'ok',
        error: failing ? { message: s.last_error!, at: iso(s.last_error_at)!, failuresInARow: s.failure_count } : null,
        lastSuccessAt: iso(s.last_success_at),
        weeks: w,
        ...figures(w),
      };
    }),
    totals: { weeks: all, ...figures(all) },
  };
}
