import type { ByteLru } from './byte-lru.js';

/** What a versioned page keeps besides its own content. */
export interface Versioned {
  version: number;
  loadedAt: number;
}

/**
 * Pages of one kind (feed pages, agenda months…) in the instance's page cache, each served while the version the
 * request read from the database is the one it was loaded at, and no older than `maxAgeMs` (what the version does
 * not cover lives at most that long). A page is loaded after the version was read, so a page stored under a
 * version is never older than it. Concurrent misses of one page at one version share one load: fifty readers
 * arriving just after a change cost one query, not fifty.
 */
export class VersionedPages<P extends Versioned> {
  private readonly loading = new Map<string, Promise<P>>();

  /** `prefix` keeps this kind's keys apart in the shared cache; `bytes` estimates what a page holds. */
  constructor(
    private readonly lru: ByteLru<unknown>,
    private readonly prefix: string,
    private readonly maxAgeMs: number,
    private readonly bytes: (page: P) => number,
  ) {}

  /** The page held under `key` whatever its version, if young enough to be served. */
  held(key: string): P | undefined {
    const page = this.lru.peek(`${this.prefix}:${key}`) as P | undefined;
    return page && Date.now() - page.loadedAt <= this.maxAgeMs ? page : undefined;
  }

  /** The page at `version`, from the cache or built by `load` (given the time the load started). */
  async get(key: string, version: number, load: (loadedAt: number) => Promise<P>): Promise<P> {
    const now = Date.now();
    const cached = this.lru.get(`${this.prefix}:${key}`, (v) => {
      const page = v as P;
      return page.version === version && now - page.loadedAt <= this.maxAgeMs;
    }) as P | undefined;
    if (cached) return cached;
    const flight = `${key}@${version}`;
    let pending = this.loading.get(flight);
    if (!pending) {
      pending = load(now);
      this.loading.set(flight, pending);
      pending.then((page) => this.lru.set(`${this.prefix}:${key}`, page, this.bytes(page)), () => undefined)
        .finally(() => this.loading.delete(flight));
    }
    return pending;
  }
}
