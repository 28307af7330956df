/**
 * A least-recently-used map bounded by the bytes its values hold (an estimate given by the caller), not by
 * their number: a feed page and a post page with 50 comments differ by two orders of magnitude, and an entry
 * count bounds neither the process's memory nor what a data set ten times larger would make it hold.
 * Counts its hits and misses, so a benchmark can say how often reads were served from it.
 */
export class ByteLru<V> {
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  /** The value when present and `fresh` accepts it; a refused value is dropped and counts as a miss. */
  get(key: string, fresh: (value: V) => boolean = () => true): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || !fresh(entry.value)) {
      if (entry) this.delete(key);
      this.misses += 1;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry.value;
  }

  /** The value held under `key`, if any, without counting a use nor moving it. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    while (this.used > this.maxBytes) this.delete(this.entries.keys().next().value!);
  }

  /** Adds to an entry's size what was built from it after it was stored (serialized forms). */
  grow(key: string, bytes: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.bytes += bytes;
    this.used += bytes;
    while (this.used > this.maxBytes) this.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.used;
  }
}

/**
 * What a value costs in memory, roughly: V8 keeps most of our text as one byte per character, and the object
 * shapes, numbers and Map slots around it add about as much again.
 */
export function estimateBytes(value: unknown): number {
  return 2 * JSON.stringify(value).length + 256;
}
