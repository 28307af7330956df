import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { safeGet, SafeGetError, type AddressOptions } from '../../lib/safe-fetch.js';
import { decodeFeed, FeedParseError, parseFeed, type FeedEntry, type ParsedFeed } from './feed-parser.js';

/**
 * Polling of veille sources. The fetch happens outside any transaction (a slow site must not hold a
 * connection); its result is written in one statement per source. Inserting items ignores every
 * duplicate (same link in the community, same feed identifier in the source), so a poll run twice,
 * or by two workers, adds each item once.
 */

export const FEED_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 2 * 1024 * 1024;
const FEED_MAX_REDIRECTS = 5;
/** Normal interval between two polls of a source. */
export const POLL_INTERVAL_MINUTES = 30;
/** Failures in a row after which the animation team is told the source is broken. */
export const BROKEN_AFTER = 3;
/** Sources polled by one run of the job, and at the same time. */
const BATCH = 50;
const CONCURRENCY = 4;

export type FetchResult =
  | { kind: 'feed'; feed: ParsedFeed; etag: string | null; lastModified: string | null }
  | { kind: 'unchanged' }
  | { kind: 'failed'; privateAddress: boolean; message: string };

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

const REASONS: Record<string, string> = {
  private_address: 'adresse de réseau privé ou local : refusée',
  timeout: `pas de réponse complète en ${FEED_TIMEOUT_MS / 1000} s`,
  too_many_redirects: `plus de ${FEED_MAX_REDIRECTS} redirections`,
  too_large: `flux de plus de ${FEED_MAX_BYTES / 1024 / 1024} Mio`,
  invalid_url: 'adresse invalide',
};

/** One conditional GET of a feed and its parsing; never throws. */
export async function fetchFeed(url: string, validators: Validators, opts: AddressOptions): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': 'e-communautes-veille/1.0',
    accept: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const res = await safeGet(url, {
      ...opts, headers, timeoutMs: FEED_TIMEOUT_MS, maxBytes: FEED_MAX_BYTES, maxRedirects: FEED_MAX_REDIRECTS, overflow: 'reject',
    });
    if (res.status === 304) return { kind: 'unchanged' };
    if (res.status < 200 || res.status >= 300) return { kind: 'failed', privateAddress: false, message: `le site a répondu HTTP ${res.status}` };
    const feed = parseFeed(decodeFeed(res.body, String(res.headers['content-type'] ?? '')), res.url);
    const header = (name: string) => { const v = res.headers[name]; return typeof v === 'string' && v.length <= 500 ? v : null; };
    return { kind: 'feed', feed, etag: header('etag'), lastModified: header('last-modified') };
  } catch (err) {
    if (err instanceof SafeGetError) {
      return { kind: 'failed', privateAddress: err.reason === 'private_address', message: REASONS[err.reason] ?? `site injoignable (${err.message})` };
    }
    if (err instanceof FeedParseError) return { kind: 'failed', privateAddress: false, message: `illisible : ${err.message}` };
    return { kind: 'failed', privateAddress: false, message: 'réponse illisible' };
  }
}

/** The same article reached by two links differing only in a fragment is one item. */
export function dedupe(entries: FeedEntry[]): FeedEntry[] {
  const links = new Set<string>();
  const guids = new Set<string>();
  return entries.filter((e) => {
    if (links.has(e.link) || guids.has(e.guid)) return false;
    links.add(e.link);
    guids.add(e.guid);
    return true;
  });
}

/** Feed entries as rows x(guid, link, title, summary, published_at), one statement whatever their number. */
export function entryRows(list: FeedEntry[]) {
  return sql`unnest(${sql.param(list.map((e) => e.guid))}::text[], ${sql.param(list.map((e) => e.link))}::text[],
                    ${sql.param(list.map((e) => e.title))}::text[], ${sql.param(list.map((e) => e.summary))}::text[],
                    ${sql.param(list.map((e) => e.publishedAt?.toISOString() ?? null))}::timestamptz[])
             AS x(guid, link, title, summary, published_at)`;
}

/** New items of a source's feed, in one statement; returns how many were added. */
export async function storeEntries(db: DbOrTx, sourceId: number, communityId: number, entries: FeedEntry[]): Promise<number> {
  const list = dedupe(entries);
  if (list.length === 0) return 0;
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH ins AS (
      INSERT INTO veille_items (source_id, community_id, guid, link, title, summary, published_at)
      SELECT ${sourceId}, ${communityId}, x.guid, x.link, x.title, x.summary, x.published_at
        FROM ${entryRows(list)}
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  return rows[0]!.n;
}

export type SourceToPoll = {
  id: number;
  community_id: number;
  url: string;
  etag: string | null;
  last_modified: string | null;
};

/**
 * Records the outcome of a poll on the source. A failure pushes the next poll back (doubling, at
 * most 12 h) and, the time the failures in a row reach BROKEN_AFTER, tells the community's
 * animators and coordinators once, with the error and the last success.
 */
export async function recordOutcome(db: Db, source: SourceToPoll, result: FetchResult): Promise<{ added: number }> {
  if (result.kind === 'failed') {
    await db.execute(sql`
      WITH s AS (
        UPDATE veille_sources
           SET last_polled_at = now(), last_error_at = now(), last_error = ${result.message}, failure_count = failure_count + 1,
               next_poll_at = now() + least(make_interval(mins => ${POLL_INTERVAL_MINUTES} * (2 ^ least(failure_count, 5))::int), interval '12 hours')
         WHERE id = ${source.id}
        RETURNING id, community_id, title, failure_count, last_success_at),
      ins AS (
        INSERT INTO notifications (user_id, kind, community_id, data)
        SELECT m.user_id, 'veille_source_broken', s.community_id,
               jsonb_build_object('title', s.title, 'action', ${result.message}::text, 'sourceId', s.id,
                                  'lastSuccessAt', s.last_success_at)
          FROM s JOIN memberships m ON m.community_id = s.community_id AND m.role IN ('animator', 'coordinator')
         WHERE s.failure_count = ${BROKEN_AFTER}
        RETURNING user_id)
      SELECT pg_notify('notifications', user_id::text) FROM ins`);
    return { added: 0 };
  }
  const added = result.kind === 'feed' ? await storeEntries(db, source.id, source.community_id, result.feed.entries) : 0;
  const validators = result.kind === 'feed'
    ? sql`, etag = ${result.etag}, last_modified = ${result.lastModified}` : sql``;
  await db.execute(sql`
    UPDATE veille_sources
       SET last_polled_at = now(), last_success_at = now(), failure_count = 0, last_error = NULL,
           item_count = item_count + ${added}, next_poll_at = now() + make_interval(mins => ${POLL_INTERVAL_MINUTES}) ${validators}
     WHERE id = ${source.id}`);
  return { added };
}

export async function pollSource(db: Db, source: SourceToPoll, opts: AddressOptions): Promise<FetchResult & { added: number }> {
  const result = await fetchFeed(source.url, { etag: source.etag, lastModified: source.last_modified }, opts);
  const { added } = await recordOutcome(db, source, result);
  return { ...result, added };
}

/**
 * One run of the polling job: claims the due sources (moving their next poll forward, so another
 * worker skips them even if this one dies), then polls them a few at a time.
 */
export async function pollDueSources(db: Db, opts: AddressOptions): Promise<{ polled: number; added: number; failed: number }> {
  const { rows } = await db.execute<SourceToPoll>(sql`
    UPDATE veille_sources s SET next_poll_at = now() + interval '15 minutes'
      FROM (SELECT id FROM veille_sources WHERE next_poll_at <= now() ORDER BY next_poll_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) due
     WHERE s.id = due.id
    RETURNING s.id, s.community_id, s.url, s.etag, s.last_modified`);
  let added = 0;
  let failed = 0;
  const queue = [...rows];
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      const r = await pollSource(db, source, opts);
      added += r.added;
      if (r.kind === 'failed') failed += 1;
    }
  }));
  return { polled: rows.length, added, failed };
}
