import type { CnfptInboxRow, CnfptSourceRow } from './queries.js';

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export function presentCnfptSource(r: CnfptSourceRow) {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    resourceType: r.resource_type,
    createdAt: iso(r.created_at)!,
    lastPolledAt: iso(r.last_polled_at),
    lastSuccessAt: iso(r.last_success_at),
    error: r.last_error !== null && r.last_error_at !== null
      ? { message: r.last_error, at: iso(r.last_error_at)!, failuresInARow: r.failure_count } : null,
    itemCount: r.item_count,
  };
}

export function presentCnfptItem(r: CnfptInboxRow) {
  return {
    id: r.id,
    link: r.link,
    title: r.title,
    summary: r.summary,
    publishedAt: iso(r.published_at),
    fetchedAt: iso(r.fetched_at)!,
    resourceType: r.resource_type,
    source: { id: r.source_id, title: r.source_title },
  };
}
