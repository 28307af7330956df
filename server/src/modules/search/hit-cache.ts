import { estimateBytes, type ByteLru } from '../../lib/byte-lru.js';
import type { HitKey, HitRow, SearchFilters } from './queries.js';

/**
 * Highlighted excerpts made for one page of hits, each with the version of the row (xmin) it was made from: the
 * same words over the same text give the same excerpt, and reading a body again to cut and mark it cost more than
 * finding the hit (the whole post or comment crosses the socket and is scanned for the words). An edited row has
 * another version, so its excerpt is made again.
 */
export class Excerpts {
  private readonly made = new Map<string, { version: string; html: string }>();

  /** `grew` is told the bytes each new excerpt adds (the cache entry holding them counts them). */
  constructor(private readonly grew: (bytes: number) => void = () => undefined) {}

  get(key: string, version: string): string | undefined {
    const excerpt = this.made.get(key);
    return excerpt?.version === version ? excerpt.html : undefined;
  }

  set(key: string, version: string, html: string): void {
    this.made.set(key, { version, html });
    this.grew(2 * (key.length + version.length + html.length) + 64);
  }
}

/** One page of ranked hits (keys only), the cursor after it, and the excerpts made for it so far. */
export interface HitPage { page: HitRow[]; nextCursor: string | null; excerpts: Excerpts }

/**
 * Pages of search hits shared by the readers of an instance for a short while: the same words, filters,
 * readable communities and cursor give the same ranked keys. Finding them is most of a search's cost (probes over
 * the full-text indexes, several milliseconds of PostgreSQL), and the words people look for repeat. Titles,
 * versions and visibility are read for each request (hitDetails), so a post hidden or deleted since drops out at
 * once and an edited one gets a new excerpt; a new post shows up within `maxAgeMs`. Whoever has just written is not
 * served from it (plugins/recent-writes.ts): they may be looking for what they wrote.
 */
export class SearchHitCache {
  constructor(private readonly lru: ByteLru<unknown>, private readonly maxAgeMs: number) {}

  async get(q: string, filters: SearchFilters, before: string | null, after: HitKey | null, limit: number,
    find: () => Promise<Omit<HitPage, 'excerpts'>>): Promise<HitPage> {
    if (this.maxAgeMs <= 0) return { ...(await find()), excerpts: new Excerpts() };
    const key = `search:${JSON.stringify([q, [...filters.communityIds].sort((a, b) => a - b), filters.kind ?? null,
      filters.authorIds ?? null, filters.from ?? null, filters.to ?? null, before, after, limit])}`;
    const now = Date.now();
    const held = this.lru.get(key, (v) => now - (v as { at: number }).at <= this.maxAgeMs) as { at: number; hits: HitPage } | undefined;
    if (held) return held.hits;
    const found = await find();
    const hits = { ...found, excerpts: new Excerpts((bytes) => this.lru.grow(key, bytes)) };
    this.lru.set(key, { at: now, hits }, estimateBytes(found) + 2 * key.length);
    return hits;
  }
}
