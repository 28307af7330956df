/**
 * A small per-instance cache of computed values, each kept `ttlMs` after it was computed; concurrent
 * misses of one key share one computation, and a failed computation is not kept. Bounded: the oldest
 * entry goes first. For figures where "a minute old, and saying so" is fine, not for what a user just changed.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries: number) {}

  /** The cached value and when it was computed (ms since epoch), computing it when absent or stale. */
  async get(key: string, compute: () => Promise<V>, now = Date.now()): Promise<{ value: V; at: number }> {
    let entry = this.entries.get(key);
    if (!entry || now - entry.at >= this.ttlMs) {
      entry = { at: now, value: compute() };
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      const mine = entry;
      mine.value.catch(() => {
        if (this.entries.get(key) === mine) this.entries.delete(key);
      });
    }
    return { value: await entry.value, at: entry.at };
  }
}
