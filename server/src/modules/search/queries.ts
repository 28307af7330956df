import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import { isoText } from '../../lib/cursor.js';
import { named, variant } from '../../lib/named-query.js';
import { addDays, parisToUtc } from '../../../../common/time/index.js';

/**
 * Full-text search over posts and comments (generated `search_vector` columns, configuration
 * `french_unaccent`, migration 0009; GIN indexes on (search_vector, created_at), migration 0023). Documents and queries go through the same
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
export function readableSql(user: CurrentUser | null): SQL {
  const admin = user?.nationalRole === 'admin';
  return sql`
    SELECT c.id, c.slug, c.name FROM communities c
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user?.id ?? 0}
     WHERE c.status <> 'draft' OR ${admin} OR m.role = 'coordinator'`;
}

export async function readableCommunities(db: DbOrTx, user: CurrentUser | null): Promise<ReadableCommunity[]> {
  const { rows } = await db.execute<ReadableCommunity>(readableSql(user));
  return rows;
}

export type SearchContext = {
  readable: ReadableCommunity[];
  /** False when the query keeps no searchable word (only stop words or punctuation). */
  searchable: boolean;
  /** The query's lexemes (accents off, stemmed), for highlighting. */
  lexemes: string[];
};

/** What a search needs before looking for hits, in one statement. */
export async function searchContext(db: DbOrTx, user: CurrentUser | null, q: string): Promise<SearchContext> {
  const rows = await named<SearchContext>(db, 'search-context', sql`
    SELECT (SELECT coalesce(json_agg(r), '[]') FROM (${readableSql(user)}) r) AS readable,
           numnode(${normalized(q)}) > 0 AS searchable,
           tsvector_to_array(to_tsvector('public.french_unaccent', public.search_normalize(${q}))) AS lexemes`);
  return rows[0]!;
}

/** Authors whose name contains the text, accents and case ignored (trigram index on users). */
export async function authorIdsMatching(db: DbOrTx, name: string): Promise<number[]> {
  const pattern = `%${name.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.execute<{ id: number }>(sql`
    SELECT id FROM users
     WHERE name_key LIKE immutable_unaccent(${pattern})
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
 * read (and decompress) every matching row: 1 to 2 s on 1,000,000 documents for a word in a third of them.
 * Only the newest matches are read; relevance then orders the window.
 */
export const SEARCH_WINDOW = 100;

/**
 * Periods probed one after the other, back from the window's start, until the window is full: the
 * last week, then the seven before... A probe reads its period off the (search_vector, created_at) GIN
 * index, where the word's postings are intersected with the period's, so its cost follows the period's
 * size, never the word's frequency: "budget" (a third of the documents) fills its window in the first
 * week; a rarer word reaches further back, and a rare one has few postings to read anyway.
 */
const PROBE_DAYS = [7, 56, 448];
/** From this period on, a probe reads the word's postings only (see probe). */
const WIDE_DAYS = 448;

/** The query as PostgreSQL matches it against `search_vector`. */
export const normalized = (q: string) => sql`websearch_to_tsquery('public.french_unaccent', public.search_normalize(${q}))`;

/** A time range [lo, hi) of creation instants (lossless ISO texts); null bounds are open. */
type Period = { lo: string | null; hi: string | null };

function commonFilters(f: SearchFilters, authorColumn: string, dateColumn: string, period: Period): SQL {
  const parts: SQL[] = [sql`p.community_id = ANY(${sql.param(f.communityIds)}::bigint[])`];
  if (f.kind) parts.push(sql`p.kind = ${f.kind}::post_kind`);
  if (f.authorIds) parts.push(sql`${sql.raw(authorColumn)} = ANY(${sql.param(f.authorIds)}::bigint[])`);
  if (period.lo) parts.push(sql`${sql.raw(dateColumn)} >= ${period.lo}::timestamptz`);
  if (period.hi) parts.push(sql`${sql.raw(dateColumn)} < ${period.hi}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

type Candidate = HitRow & { at: string };

/**
 * The `limit` newest matching posts and comments created in `period`, newest first, each with its score:
 * relevance plus a little recency (a hit one year newer gains 0.1, about a second occurrence).
 * The query is written out in each WHERE (not read from a CTE) so the planner sees a constant.
 */
async function probe(db: DbOrTx, q: string, f: SearchFilters, period: Period, limit: number, wide: boolean): Promise<Candidate[]> {
  // A wide period is only probed for a word too rare to fill the window in the last weeks: its postings alone
  // are few, while the period's dates in the (search_vector, created_at) index are most of the index (a word
  // found nowhere took 0.8 s over the probes). The dates are then checked on the rows, out of the index's reach.
  // Ordering by the bare column would let the planner walk the whole table backwards by date, filtering each row on
  // the words: quick for a frequent word, 1 to 2 s for one found nowhere. Wide probes sort their few matches instead.
  const date = (column: string) => (wide ? `(${column} + interval '0 seconds')` : column);
  const query = sql`
    SELECT (ts_rank(u.v, ${normalized(q)}) + extract(epoch FROM u.created_at) / 315576000.0)::float8 AS score,
           u.t, u.id, u.post_id, ${isoText('u.created_at')} AS at
      FROM (
        (SELECT 0 AS t, p.id, p.id AS post_id, p.created_at, p.search_vector AS v FROM posts p
          WHERE p.search_vector @@ ${normalized(q)} AND p.deleted_at IS NULL AND p.hidden_at IS NULL
            AND ${commonFilters(f, 'p.author_id', date('p.created_at'), period)}
          ORDER BY ${sql.raw(date('p.created_at'))} DESC, p.id DESC LIMIT ${limit})
        UNION ALL
        (SELECT 1 AS t, c.id, c.post_id, c.created_at, c.search_vector AS v FROM comments c JOIN posts p ON p.id = c.post_id
          WHERE c.search_vector @@ ${normalized(q)} AND c.deleted_at IS NULL AND p.deleted_at IS NULL
            AND c.hidden_at IS NULL AND p.hidden_at IS NULL -- hidden by moderation
            AND ${commonFilters(f, 'c.author_id', date('c.created_at'), period)}
          ORDER BY ${sql.raw(date('c.created_at'))} DESC, c.id DESC LIMIT ${limit})
      ) u
     ORDER BY u.created_at DESC, u.t, u.id DESC LIMIT ${limit}`;
  // Named when the period is bounded and narrow: planning cost as much as running, and any plan PostgreSQL settles
  // on is bounded by the period. Wide probes are planned for their words every time: a generic plan, blind to
  // how rare the word is, would walk every row by date.
  if (!period.lo || wide) return (await db.execute<Candidate>(query)).rows;
  const name = variant('search-probe', { kind: !!f.kind, author: !!f.authorIds, before: !!period.hi });
  return named<Candidate>(db, name, query);
}

/**
 * An unbounded probe without parallel workers: its few matches are read in under a millisecond, and starting
 * workers cost 20 ms on an idle 2-core machine, 65 ms on a busy one (the planner expects thousands of rows).
 */
function serialProbe(...args: Parameters<typeof probe>): Promise<Candidate[]> {
  const [db, ...rest] = args;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
    return probe(tx, ...rest);
  });
}

const DAY_MS = 86_400_000;

/** Window order: score desc, then posts before comments, then id desc. */
export function byRank(a: HitKey, b: HitKey): number {
  return b.score - a.score || a.t - b.t || b.id - a.id;
}

/**
 * One window of hits: the SEARCH_WINDOW newest matching posts and comments created before `before`
 * (and within the filters' dates), ranked. Probes older and older periods until the window is full,
 * unless the query is rare.
 */
export async function searchWindow(db: DbOrTx, q: string, f: SearchFilters, before: string | null, rare: boolean): Promise<SearchWindow> {
  const k = SEARCH_WINDOW;
  // A rare query (rarity.ts) is read whole at once; a frequent one fills its window in the last weeks.
  const periods = rare ? [null] : [...PROBE_DAYS, null];
  // Paris days, both inclusive, as instants.
  const floor = f.from ? parisToUtc(f.from)!.toISOString() : null;
  const ceiling = f.to ? parisToUtc(addDays(f.to, 1))!.toISOString() : null;
  // `before` keeps its microseconds: the next window must start exactly below the previous one.
  let hi = before && ceiling ? (Date.parse(before) < Date.parse(ceiling) ? before : ceiling) : before ?? ceiling;
  const anchor = hi ? Date.parse(hi) : Date.now();
  const found: Candidate[] = [];
  for (const days of periods) {
    let lo = days === null ? null : new Date(anchor - days * DAY_MS).toISOString();
    const last = floor !== null && (lo === null || Date.parse(lo) <= Date.parse(floor));
    if (last) lo = floor;
    found.push(...await (days === null ? serialProbe : probe)(db, q, f, { lo, hi }, k - found.length, days === null || days >= WIDE_DAYS));
    if (found.length >= k || lo === null || last) break;
    hi = lo;
  }
  const hits = found.map((r) => ({ score: r.score, t: r.t, id: r.id, post_id: r.post_id })).sort(byRank);
  return { hits, nextBefore: found.length === k ? found[k - 1]!.at : null };
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
  /** The version of the post's or the comment's row (xmin): an excerpt made at this version is still right. */
  version: string;
}

/**
 * Titles, authors and row versions of one page of hits, if still visible: the keys may come from the hit cache
 * (hit-cache.ts), found before a deletion or a moderator's hiding. Bodies are read only for the excerpts not made
 * yet at these versions (hitBodies).
 */
export async function hitDetails(db: DbOrTx, hits: HitRow[]): Promise<HitDetails[]> {
  if (hits.length === 0) return [];
  const { postIds, commentIds } = idsOf(hits);
  return named<HitDetails>(db, 'search-details', sql`
    SELECT 0 AS t, p.id, p.id AS post_id, p.title AS post_title, p.kind::text AS post_kind, p.community_id,
           p.author_id, u.first_name, u.last_name, p.created_at, p.xmin::text AS version
      FROM posts p JOIN users u ON u.id = p.author_id
     WHERE p.id = ANY(${sql.param(postIds)}::bigint[]) AND p.deleted_at IS NULL AND p.hidden_at IS NULL
    UNION ALL
    SELECT 1, c.id, p.id, p.title, p.kind::text, p.community_id, c.author_id, u.first_name, u.last_name, c.created_at, c.xmin::text
      FROM comments c JOIN posts p ON p.id = c.post_id JOIN users u ON u.id = c.author_id
     WHERE c.id = ANY(${sql.param(commentIds)}::bigint[])
       AND c.deleted_at IS NULL AND c.hidden_at IS NULL AND p.deleted_at IS NULL AND p.hidden_at IS NULL`);
}

export type HitBody = {
  t: 0 | 1;
  id: number;
  version: string;
  /** The sanitized HTML the excerpt is made from. */
  body_html: string;
}

/** The bodies of some hits, with the version of the row they were read from. */
export async function hitBodies(db: DbOrTx, hits: Pick<HitKey, 't' | 'id'>[]): Promise<HitBody[]> {
  const { postIds, commentIds } = idsOf(hits);
  return named<HitBody>(db, 'search-bodies', sql`
    SELECT 0 AS t, id, xmin::text AS version, body_html FROM posts WHERE id = ANY(${sql.param(postIds)}::bigint[])
    UNION ALL
    SELECT 1, id, xmin::text, body_html FROM comments WHERE id = ANY(${sql.param(commentIds)}::bigint[])`);
}

function idsOf(hits: Pick<HitKey, 't' | 'id'>[]): { postIds: number[]; commentIds: number[] } {
  return { postIds: hits.filter((h) => h.t === 0).map((h) => h.id), commentIds: hits.filter((h) => h.t === 1).map((h) => h.id) };
}
