import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import { MARK_START, MARK_STOP } from '../search/highlight.js';

/**
 * Full-text search over the current text of co-written pages. Kept apart from the posts/comments
 * search (its own statement on wiki_pages.search_vector, same `french_unaccent` configuration and
 * `search_normalize`), so the two can evolve separately and one query syntax works for both.
 */

export interface PageHitRow extends Record<string, unknown> {
  id: number;
  community_id: number;
  updated_at: string;
  title_headline: string;
  excerpt_headline: string;
}

export async function searchPages(db: DbOrTx, q: string, communityIds: number[], cursor: PgKeyset | undefined, limit: number): Promise<PageHitRow[]> {
  const options = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  const whole = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;
  const clean = (column: string) => sql.raw(`translate(${column}, E'\\uE000\\uE001', '')`);
  // Newest change first, keyset on (updated_at, id); ts_headline runs on the page of hits only.
  const { rows } = await db.execute<PageHitRow>(sql`
    WITH hits AS (
      SELECT w.id, w.community_id, w.updated_at, w.title, w.body_md FROM wiki_pages w
       WHERE w.search_vector @@ websearch_to_tsquery('public.french_unaccent', public.search_normalize(${q}))
         AND w.community_id = ANY(${sql.param(communityIds)}::bigint[])
         ${cursor ? sql`AND (w.updated_at, w.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
       ORDER BY w.updated_at DESC, w.id DESC
       LIMIT ${limit + 1}),
    hq AS (
      SELECT array_to_string(array(
               SELECT quote_literal(l) || ':*' FROM unnest(tsvector_to_array(
                 to_tsvector('public.french_unaccent', public.search_normalize(${q})))) AS l), ' | ')::tsquery AS q)
    SELECT h.id, h.community_id, ${isoText('h.updated_at')} AS updated_at,
           ts_headline('public.french_unaccent', ${clean('h.title')}, hq.q, ${whole}) AS title_headline,
           ts_headline('public.french_unaccent', ${clean('h.body_md')}, hq.q, ${options}) AS excerpt_headline
      FROM hits h, hq
     ORDER BY h.updated_at DESC, h.id DESC`);
  return rows;
}
