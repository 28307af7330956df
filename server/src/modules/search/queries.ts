import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import { isoText } from '../../lib/cursor.js';
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
};

export type HitRow = HitKey & {
  post_id: number;
};

export type SearchWindow = {
  /** Ranked hits of the window, best first. */
  hits: HitRow[];
  /** Lossless timestamp of the window's oldest candidate: the next window starts below it. Null when none follows. */
  nextBefore: string | null;
};

/**
 * How many matches, newest first, are ranked together. Ranking every match of a frequent word would
 * read (and decompress) every matching row: 1 to 2 s on 250,000 documents for a word in most of them.
 * Reading the newest matches walks the recency indexes and stops early; relevance then orders the window.
 */
export const SEARCH_WINDOW = 100;

const normalized = (q: string) => sql`websearch_to_tsquery('public.french_unaccent', public.search_normalize(${q}))`;

/** True when the query keeps at least one searchable word (not only stop words or punctuation). */
export async function isSearchable(db: DbOrTx, q: string): Promise<boolean> {
  const { rows } = await db.execute<{ ok: boolean }>(sql`SELECT numnode(${normalized(q)}) > 0 AS ok`);
  return rows[0]?.ok ?? false;
}

function commonFilters(f: SearchFilters, authorColumn: string, dateColumn: string, before: string | null): SQL {
  const parts: SQL[] = [sql`p.community_id = ANY(${sql.param(f.communityIds)}::bigint[])`];
  if (f.kind) parts.push(sql`p.kind = ${f.kind}::post_kind`);
  if (f.authorIds) parts.push(sql`${sql.raw(authorColumn)} = ANY(${sql.param(f.authorIds)}::bigint[])`);
  if (f.from) parts.push(sql`${sql.raw(dateColumn)} >= (${f.from}::date::timestamp AT TIME ZONE 'Europe/Paris')`);
  if (f.to) parts.push(sql`${sql.raw(dateColumn)} < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`);
  if (before) parts.push(sql`${sql.raw(dateColumn)} < ${before}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** Above this many matches a word is "frequent": its newest matches are found by walking the recency index. */
const DENSE = 2000;

/**
 * Counts matches up to DENSE per table (a bounded probe), to choose the plan: walk the recency index for a
 * frequent word (the newest matches come at once), or read the GIN index then sort for a rare one (walking
 * the recency index would scan the whole table looking for matches that are not there).
 */
async function density(db: DbOrTx, q: string): Promise<{ posts: boolean; comments: boolean }> {
  const { rows } = await db.execute<{ p: number; c: number }>(sql`
    SELECT (SELECT count(*) FROM (SELECT 1 FROM posts WHERE search_vector @@ ${normalized(q)} AND deleted_at IS NULL LIMIT ${DENSE}) a)::int AS p,
           (SELECT count(*) FROM (SELECT 1 FROM comments WHERE search_vector @@ ${normalized(q)} AND deleted_at IS NULL LIMIT ${DENSE}) b)::int AS c`);
  return { posts: rows[0]!.p >= DENSE, comments: rows[0]!.c >= DENSE };
}

/** Newest first; for a rare word the expression hides the recency index so the planner reads the GIN index. */
function order(alias: 'p' | 'c', dense: boolean): SQL {
  return dense
    ? sql.raw(`${alias}.created_at DESC, ${alias}.id DESC`)
    : sql.raw(`${alias}.created_at + interval '0' DESC, ${alias}.id DESC`);
}

/**
 * One window of hits: the SEARCH_WINDOW newest matching posts and comments (older than `before`),
 * ranked by relevance plus a little recency (a hit one year newer gains 0.1, about a second occurrence).
 */
export async function searchWindow(db: DbOrTx, q: string, f: SearchFilters, before: string | null): Promise<SearchWindow> {
  const k = SEARCH_WINDOW;
  const dense = await density(db, q);
  const { rows } = await db.execute<HitRow & { at: string; oldest: string; n: number }>(sql`
    -- The query is written out in each WHERE (not read from a CTE) so the planner sees a constant and
    -- can estimate how frequent its words are: walk the recency index or read the GIN index.
    WITH query AS (SELECT ${normalized(q)} AS q),
    p_cand AS (
      SELECT 0 AS t, p.id, p.id AS post_id, p.created_at, p.search_vector AS v FROM posts p
       WHERE p.search_vector @@ ${normalized(q)} AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND ${commonFilters(f, 'p.author_id', 'p.created_at', before)}
       ORDER BY ${order('p', dense.posts)} LIMIT ${k}),
    c_cand AS (
      SELECT 1 AS t, c.id, c.post_id, c.created_at, c.search_vector AS v FROM comments c JOIN posts p ON p.id = c.post_id
       WHERE c.search_vector @@ ${normalized(q)} AND c.deleted_at IS NULL AND p.deleted_at IS NULL
         AND c.hidden_at IS NULL AND p.hidden_at IS NULL -- hidden by moderation
         AND ${commonFilters(f, 'c.author_id', 'c.created_at', before)}
       ORDER BY ${order('c', dense.comments)} LIMIT ${k}),
    win AS (
      SELECT * FROM (SELECT * FROM p_cand UNION ALL SELECT * FROM c_cand) u ORDER BY created_at DESC, t, id DESC LIMIT ${k})
    SELECT (ts_rank(win.v, query.q) + extract(epoch FROM win.created_at) / 315576000.0)::float8 AS score,
           win.t, win.id, win.post_id, ${isoText('win.created_at')} AS at,
           ${isoText('min(win.created_at) OVER ()')} AS oldest, count(*) OVER ()::int AS n
      FROM win, query
     ORDER BY score DESC, win.t, win.id DESC`);
  const hits = rows.map((r) => ({ score: r.score, t: r.t, id: r.id, post_id: r.post_id }));
  return { hits, nextBefore: rows.length === k ? rows[0]!.oldest : null };
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
  // Titles whole: with fragment options, ts_headline would trim words off a title.
  const whole = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;
  const clean = (column: string) => sql.raw(`translate(${column}, E'\\uE000\\uE001', '')`);
  const { rows } = await db.execute<HitDetails>(sql`
    WITH hq AS (
      SELECT array_to_string(array(
               SELECT quote_literal(l) || ':*' FROM unnest(tsvector_to_array(
                 to_tsvector('public.french_unaccent', public.search_normalize(${q})))) AS l), ' | ')::tsquery AS q
    )
    SELECT 0 AS t, p.id, p.id AS post_id, p.title AS post_title, p.kind::text AS post_kind, p.community_id,
           p.author_id, u.first_name, u.last_name, p.created_at,
           ts_headline('public.french_unaccent', ${clean('p.title')}, hq.q, ${whole}) AS title_headline,
           ts_headline('public.french_unaccent', ${clean('p.body_md')}, hq.q, ${options}) AS excerpt_headline
      FROM posts p JOIN users u ON u.id = p.author_id, hq
     WHERE p.id = ANY(${sql.param(postIds)}::bigint[])
    UNION ALL
    SELECT 1, c.id, p.id, p.title, p.kind::text, p.community_id, c.author_id, u.first_name, u.last_name, c.created_at,
           ts_headline('public.french_unaccent', ${clean('p.title')}, hq.q, ${whole}),
           ts_headline('public.french_unaccent', ${clean('c.body_md')}, hq.q, ${options})
      FROM comments c JOIN posts p ON p.id = c.post_id JOIN users u ON u.id = c.author_id, hq
     WHERE c.id = ANY(${sql.param(commentIds)}::bigint[])`);
  return rows;
}
