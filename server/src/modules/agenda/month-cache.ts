import type { ByteLru } from '../../lib/byte-lru.js';
import { VersionedPages, type Versioned } from '../../lib/versioned-pages.js';

/**
 * A month of one community's agenda, the same for every reader: the month grid is the agenda's hot read, and a
 * busy community's month holds a hundred events whose reading and writing out grew with it. Served while the
 * community's feed_version is the one it was loaded at (the posts' triggers and the events' own, migration 0058,
 * move it). Its items carry nothing of the reader (their abilities on an event are on the post page), so they are
 * written out once and kept as the bytes sent; the reader's part of the page (may they add an event) is added
 * around them.
 */
interface MonthPage extends Versioned {
  itemsJson: Buffer;
}

export class MonthPageCache {
  private readonly pages: VersionedPages<MonthPage>;

  constructor(lru: ByteLru<unknown>, maxAgeMs: number) {
    this.pages = new VersionedPages<MonthPage>(lru, 'agenda-month', maxAgeMs, (page) => page.itemsJson.length);
  }

  /** The items of a month as JSON bytes, written by `load` when the month is not held at this version. */
  async itemsJson(key: string, version: number, load: () => Promise<string>): Promise<Buffer> {
    const page = await this.pages.get(key, version, async (loadedAt) => ({ version, loadedAt, itemsJson: Buffer.from(await load()) }));
    return page.itemsJson;
  }
}
