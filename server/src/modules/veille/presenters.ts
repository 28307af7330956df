import type { InboxRow, SourceRow } from './queries.js';

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export function presentSource(r: SourceRow) {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    createdAt: iso(r.created_at)!,
    lastPolledAt: iso(r.last_polled_at),
    lastSuccessAt: iso(r.last_success_at),
    error: r.last_error !== null && r.last_error_at !== null
      ? { message: r.last_error, at: iso(r.last_error_at)!, failuresInARow: r.failure_count } : null,
    itemCount: r.item_count,
    pendingCount: r.pending_count,
  };
}

export function presentInboxItem(r: InboxRow) {
  return {
    id: r.id,
    link: r.link,
    title: r.title,
    summary: r.summary,
    publishedAt: iso(r.published_at),
    fetchedAt: iso(r.fetched_at)!,
    source: { id: r.source_id, title: r.source_title },
  };
}
