import { estimateBytes, type ByteLru } from '../../lib/byte-lru.js';
import type { HitKey, HitRow, SearchFilters } from './queries.js';

/** One page of ranked hits (keys only) and the cursor after it. */
export interface HitPage { page: HitRow[]; nextCursor: string | null }

/**
 * Pages of search hits shared by the readers of an instance for a short while: the same words, filters,
 * readable communities and cursor give the same ranked keys. Finding them is most of a search's cost (probes over
 * the full-text indexes, several milliseconds of PostgreSQL), and the words people look for repeat. Only the keys
 * are kept: titles, excerpts and visibility are read for each request (hitDetails), so a post hidden or deleted
 * since drops out at once; a new post shows up within `maxAgeMs`. Whoever has just written is not served from it
 * (plugins/recent-writes.ts): they may be looking for what they wrote.
 */
export class SearchHitCache {
  constructor(private readonly lru: ByteLru<unknown>, private readonly maxAgeMs: number) {}

  async get(q: string, filters: SearchFilters, before: string | null, after: HitKey | null, limit: number,
    find: () => Promise<HitPage>): Promise<HitPage> {
    if (this.maxAgeMs <= 0) return find();
    const key = `search:${JSON.stringify([q, [...filters.communityIds].sort((a, b) => a - b), filters.kind ?? null,
      filters.authorIds ?? null, filters.from ?? null, filters.to ?? null, before, after, limit])}`;
    const now = Date.now();
    const held = this.lru.get(key, (v) => now - (v as { at: number }).at <= this.maxAgeMs) as { at: number; hits: HitPage } | undefined;
    if (held) return held.hits;
    const hits = await find();
    this.lru.set(key, { at: now, hits }, estimateBytes(hits) + 2 * key.length);
    return hits;
  }
}
