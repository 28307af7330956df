import { estimateBytes, type ByteLru } from '../../lib/byte-lru.js';
import { VersionedPages } from '../../lib/versioned-pages.js';
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
 * cached page keeps (migration 0049). Author names (not in the version) live at most the entry's lifetime.
 */
export class FeedPageCache {
  private readonly pages: VersionedPages<FeedPage>;

  constructor(lru: ByteLru<unknown>, maxAgeMs: number) {
    this.pages = new VersionedPages<FeedPage>(lru, 'feed', maxAgeMs,
      (page) => estimateBytes(page.rows) + 2 * page.json.reduce((n, j) => n + j.length, 0));
  }

  /**
   * The page held under `key` whatever its version, young enough to be served: its posts' live parts can be read
   * in the statement that reads the version (posts/feed-statement.ts), before knowing whether it is still current.
   */
  held(key: string): FeedPage | undefined {
    return this.pages.held(key);
  }

  get(key: string, version: number, load: () => Promise<SummaryRow[]>): Promise<FeedPage> {
    return this.pages.get(key, version, async (loadedAt) => {
      const rows = await load();
      return { version, loadedAt, rows, json: rows.map(sharedJson) };
    });
  }
}
