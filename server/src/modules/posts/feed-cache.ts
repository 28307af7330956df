import { estimateBytes, type ByteLru } from '../../lib/byte-lru.js';
import { sharedJson, type FeedPage } from './feed-overlay.js';
import type { SummaryRow } from './queries.js';

/**
 * Feed pages shared by every reader of an instance: the rows of one community's page (a first page or the
 * page after a cursor, with or without filters), the same for every reader. What differs between readers —
 * whether a post is new to them, their unread comments — and the counters, which every comment and « utile »
 * moves, are overlaid on a copy per request (feed-overlay.ts), never stored here.
 *
 * Freshness does not depend on this instance: every request reads the community's feed_version with the
 * community row it loads anyway, and a trigger moves it whenever a post of the community changes in a way a
 * cached page keeps (migration 0049). The page is loaded after the version was read, so a page stored under a
 * version is never older than it. Author names (not in the version) live at most the entry's lifetime.
 */
export class FeedPageCache {
  // Concurrent misses of one page at one version share one load (50 readers arriving after a new comment).
  private readonly loading = new Map<string, Promise<FeedPage>>();

  constructor(private readonly lru: ByteLru<unknown>, private readonly maxAgeMs: number) {}

  /**
   * The page held under `key` whatever its version, young enough to be served: its posts' live parts can be read
   * in the statement that reads the version (posts/feed-statement.ts), before knowing whether it is still current.
   */
  held(key: string): FeedPage | undefined {
    const page = this.lru.peek(`feed:${key}`) as FeedPage | undefined;
    return page && Date.now() - page.loadedAt <= this.maxAgeMs ? page : undefined;
  }

  async get(key: string, version: number, load: () => Promise<SummaryRow[]>): Promise<FeedPage> {
    const now = Date.now();
    const cached = this.lru.get(`feed:${key}`, (v) => {
      const page = v as FeedPage;
      return page.version === version && now - page.loadedAt <= this.maxAgeMs;
    }) as FeedPage | undefined;
    if (cached) return cached;
    const flight = `${key}@${version}`;
    let pending = this.loading.get(flight);
    if (!pending) {
      pending = load().then((rows) => ({ version, loadedAt: now, rows, json: rows.map(sharedJson) }));
      this.loading.set(flight, pending);
      pending.then(
        (page) => this.lru.set(`feed:${key}`, page, estimateBytes(page.rows) + 2 * page.json.reduce((n, j) => n + j.length, 0)),
        () => undefined,
      ).finally(() => this.loading.delete(flight));
    }
    return pending;
  }
}
