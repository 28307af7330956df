import { estimateBytes, type ByteLru } from '../../lib/byte-lru.js';
import { VersionedPages, type Versioned } from '../../lib/versioned-pages.js';
import type { EventRow } from './queries.js';

/**
 * A month of one community's agenda, the same for every reader: the month grid is the agenda's hot read, and a
 * busy community's month holds a hundred events whose reading and writing out grew with it. Served while the
 * community's feed_version is the one it was loaded at (the posts' triggers and the events' own, migration 0058,
 * move it). What differs between readers is their role in the community, read with the community on every
 * request: each event's abilities follow from it alone, so the items are written out once per kind of reader.
 */
export interface MonthPage extends Versioned {
  rows: EventRow[];
  /** The items' JSON per kind of reader (the abilities they are written with), encoded once. */
  itemsJson: Map<string, Buffer>;
}

export class MonthPageCache {
  private readonly pages: VersionedPages<MonthPage>;

  constructor(lru: ByteLru<unknown>, maxAgeMs: number) {
    this.pages = new VersionedPages<MonthPage>(lru, 'agenda-month', maxAgeMs, (page) => estimateBytes(page.rows));
  }

  /**
   * The items of a month as JSON bytes, for readers of one `kind`, written by `write` the first time. Kept encoded:
   * a busy month is 80 kB of accented text, and encoding it again for every request cost more than sending it.
   */
  async itemsJson(
    key: string, version: number, load: () => Promise<EventRow[]>, kind: string, write: (rows: EventRow[]) => string,
  ): Promise<Buffer> {
    const page = await this.pages.get(key, version, async (loadedAt) => ({ version, loadedAt, rows: await load(), itemsJson: new Map() }));
    let json = page.itemsJson.get(kind);
    if (json === undefined) {
      json = Buffer.from(write(page.rows));
      page.itemsJson.set(kind, json);
      this.pages.grew(key, json.length);
    }
    return json;
  }
}
