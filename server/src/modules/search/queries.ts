import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import { MARK_START, MARK_STOP } from './highlight.js';

/**
 * Full-text search over posts and comments (generated `search_vector` columns, GIN indexes,
 * configuration `french_unaccent`; see migration 0009). Documents and queries go through the same
 * `search_normalize` (accents off, plural s/x off), so "élu" finds "elus".
 */

export type ReadableCommunity = {
  id: number;
  slug: string;
  name: string;
}

/**
 * The communities whose content the user may read: open and archived ones for everyone,
 * drafts only for their coordinators and the national admin (as communities/policy.ts decides).
 * About forty rows: read once per search rather than joined per hit.
 */
export async function readableCommunities(db: DbOrTx, user: CurrentUser | null): Promise<ReadableCommunity[]> {
  const admin = user?.nationalRole === 'admin';
  const { rows } = await db.execute<ReadableCommunity>(sql`
    SELECT c.id, c.slug, c.name FROM communities c
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user?.id ?? 0}
     WHERE c.status <> 'draft' OR ${admin} OR m.role = 'coordinator'`);
  return rows;
}

/** Authors whose name contains the text, accents and case ignored (trigram index on users). */
export async function authorIdsMatching(db: DbOrTx, name: string): Promise<number[]> {
  const pattern = `%${name.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.execute<{ id: number }>(sql`
    SELECT id FROM users
     WHERE immutable_unaccent(lower(first_name || ' ' || last_name)) LIKE immutable_unaccent(${pattern})
     LIMIT 500`);
  return rows.map((r) => r.id);
}

export interface SearchFilters {
  communityIds: number[];
  kind?: string;
  authorIds?: number[];
  /** Paris days, both inclusive. */
  from?: string;
  to?: string;
}

export type HitKey = {
  score: number;
  /** 0 = post, 1 = comment: the tie-breaker after the score. */
  t: 0 | 1;
  id: number;
}

type HitRow = HitKey & {
  post_id: number;
}

const normalized = (q: string) => sql`websearch_to_tsquery('public.french_unaccent', public.search_normalize(${q}))`;

/** True when the query keeps at least one searchable word (not only stop words or punctuation). */
export async function isSearchable(db: DbOrTx, q: string): Promise<boolean> {
  const { rows } = await db.execute<{ ok: boolean }>(sql`SELECT numnode(${normalized(q)}) > 0 AS ok`);
  return rows[0]?.ok ?? false;
}

/**
 * Relevance plus recency, on an absolute time scale so the order (and the cursor) does not drift
 * between pages: a hit one year newer gains 0.1, about what a second occurrence of a word weighs.
 */
const score = (vector: string, at: string) =>
  sql.raw(`ts_rank(${vector}, query.q) + extract(epoch FROM ${at}) / 315576000.0`);

function commonFilters(f: SearchFilters, authorColumn: string, dateColumn: string): SQL {
  const parts: SQL[] = [sql`p.community_id = ANY(${sql.param(f.communityIds)}::bigint[])`];
  if (f.kind) parts.push(sql`p.kind = ${f.kind}::post_kind`);
  if (f.authorIds) parts.push(sql`${sql.raw(authorColumn)} = ANY(${sql.param(f.authorIds)}::bigint[])`);
  if (f.from) parts.push(sql`${sql.raw(dateColumn)} >= (${f.from}::date::timestamp AT TIME ZONE 'Europe/Paris')`);
  if (f.to) parts.push(sql`${sql.raw(dateColumn)} < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`);
  return sql.join(parts, sql` AND `);
}

/** One page of hits, best first: posts and comments ranked together, keyset on (score, type, id). */
export async function searchHits(db: DbOrTx, q: string, f: SearchFilters, after: HitKey | undefined, limit: number): Promise<HitRow[]> {
  const afterCond = after
    ? sql`WHERE (h.score, -h.t, h.id) < (${after.score}::float8, ${-after.t}, ${after.id})`
    : sql``;
  const { rows } = await db.execute<HitRow>(sql`
    WITH query AS (SELECT ${normalized(q)} AS q),
    hits AS (
      SELECT (${score('p.search_vector', 'p.created_at')})::float8 AS score, 0 AS t, p.id, p.id AS post_id
        FROM posts p, query
       WHERE p.search_vector @@ query.q AND p.deleted_at IS NULL AND ${commonFilters(f, 'p.author_id', 'p.created_at')}
      UNION ALL
      SELECT (${score('c.search_vector', 'c.created_at')})::float8, 1, c.id, c.post_id
        FROM comments c JOIN posts p ON p.id = c.post_id, query
       WHERE c.search_vector @@ query.q AND c.deleted_at IS NULL AND p.deleted_at IS NULL
         AND ${commonFilters(f, 'c.author_id', 'c.created_at')}
    )
    SELECT h.score, h.t, h.id, h.post_id FROM hits h ${afterCond}
     ORDER BY h.score DESC, h.t, h.id DESC
     LIMIT ${limit + 1}`);
  return rows;
}

export type HitDetails = {
  t: 0 | 1;
  id: number;
  post_id: number;
  post_title: string;
  post_kind: string;
  community_id: number;
  author_id: number;
  first_name: string;
  last_name: string;
  created_at: Date | string;
  title_headline: string;
  excerpt_headline: string;
}

/**
 * Titles, authors and highlighted excerpts for one page of hits (ts_headline runs on these rows only).
 * Every word of the query is highlighted by prefix ('elu':*), so "élus" is marked for a search of "élu";
 * the lexemes are quoted by quote_literal, so no input can break the tsquery syntax.
 */
export async function hitDetails(db: DbOrTx, q: string, hits: HitRow[]): Promise<HitDetails[]> {
  if (hits.length === 0) return [];
  const postIds = hits.filter((h) => h.t === 0).map((h) => h.id);
  const commentIds = hits.filter((h) => h.t === 1).map((h) => h.id);
  const options = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
  const clean = (column: string) => sql.raw(`translate(${column}, E'\\uE000\\uE001', '')`);
  const { rows } = await db.execute<HitDetails>(sql`
    WITH hq AS (
      SELECT array_to_string(array(
               SELECT quote_literal(l) || ':*' FROM unnest(tsvector_to_array(
                 to_tsvector('public.french_unaccent', public.search_normalize(${q})))) AS l), ' | ')::tsquery AS q
    )
    SELECT 0 AS t, p.id, p.id AS post_id, p.title AS post_title, p.kind::text AS post_kind, p.community_id,
           p.author_id, u.first_name, u.last_name, p.created_at,
           ts_headline('public.french_unaccent', ${clean('p.title')}, hq.q, ${`${options}, HighlightAll=true`}) AS title_headline,
           ts_headline('public.french_unaccent', ${clean('p.body_md')}, hq.q, ${options}) AS excerpt_headline
      FROM posts p JOIN users u ON u.id = p.author_id, hq
     WHERE p.id = ANY(${sql.param(postIds)}::bigint[])
    UNION ALL
    SELECT 1, c.id, p.id, p.title, p.kind::text, p.community_id, c.author_id, u.first_name, u.last_name, c.created_at,
           ts_headline('public.french_unaccent', ${clean('p.title')}, hq.q, ${`${options}, HighlightAll=true`}),
           ts_headline('public.french_unaccent', ${clean('c.body_md')}, hq.q, ${options})
      FROM comments c JOIN posts p ON p.id = c.post_id JOIN users u ON u.id = c.author_id, hq
     WHERE c.id = ANY(${sql.param(commentIds)}::bigint[])`);
  return rows;
}
