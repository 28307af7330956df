import { presentSummary } from './presenters.js';
import type { LivePartsRow, SummaryRow } from './queries.js';

/** A feed page as the page cache keeps it (feed-cache.ts). */
export interface FeedPage {
  version: number;
  loadedAt: number;
  rows: SummaryRow[];
  /** Each row's shared fields, serialized once (sharedJson): a request only writes its own parts around them. */
  json: string[];
}

/**
 * A feed item's fields that are the same for every reader, serialized without braces. The counters, which every
 * comment and « utile » moves, and the reader's marks are written around them per request (itemJson).
 */
export function sharedJson(row: SummaryRow): string {
  const { commentCount: _c, usefulCount: _u, isNew: _n, unreadComments: _r, ...shared } = presentSummary(row);
  return JSON.stringify(shared).slice(1, -1);
}

/** The reader of a feed and when their previous visit of each community started (ISO text like created_at). */
export interface FeedReader {
  id: number;
  previousVisit: (communityId: number) => string | null;
}

/**
 * One item of a shared page for this request: its live counters and the reader's marks — « nouveau » (published
 * by someone else since the previous visit and never opened) and the comments added since they last opened it —
 * written around the shared fields. Anonymous readers get marks as on a first visit (nothing new, nothing read).
 * The presenters' shape (PostSummary): built from the same presentSummary, checked by the feed tests.
 */
export function itemJson(row: SummaryRow, shared: string, live: LivePartsRow | undefined, reader: FeedReader | null): string {
  const commentCount = live?.comment_count ?? row.comment_count;
  const seen = live?.comments_seen ?? null;
  const since = reader?.previousVisit(row.community_id) ?? null;
  // Both ISO texts of the same fixed format (isoText): they compare as strings, to the microsecond.
  const isNew = reader !== null && since !== null && row.created_at > since && row.author_id !== reader.id && seen === null;
  const unread = seen === null ? null : Math.max(commentCount - seen, 0);
  return `{"commentCount":${commentCount},"usefulCount":${live?.useful_count ?? row.useful_count},"isNew":${isNew},"unreadComments":${unread},${shared}}`;
}

/** A page's items (rows at `indexes` of their cached pages) as a JSON array, with the live parts read for them. */
export function itemsJson(picked: { page: FeedPage; index: number }[], live: LivePartsRow[], reader: FeedReader | null): string {
  const byId = new Map(live.map((l) => [l.id, l]));
  return `[${picked.map(({ page, index }) => {
    const row = page.rows[index]!;
    return itemJson(row, page.json[index]!, byId.get(row.id), reader);
  }).join(',')}]`;
}

/**
 * The first page of « mon fil » from the first pages of my communities: each holds that community's newest
 * limit+1 posts, so the newest limit+1 of their union are the newest of all (same order as the feed index).
 */
export function mergeNewest(pages: FeedPage[], limit: number): { page: FeedPage; index: number }[] {
  return pages.flatMap((page) => page.rows.map((_, index) => ({ page, index })))
    .sort((x, y) => {
      const a = x.page.rows[x.index]!;
      const b = y.page.rows[y.index]!;
      return a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1;
    })
    .slice(0, limit + 1);
}
