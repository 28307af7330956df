/**
 * Calls of one statement made during one turn of the event loop, answered by ONE statement over all their keys.
 *
 * Under load, the requests read off the sockets in one turn each want the same hot statement (a post's state):
 * sent one by one, every call costs both processes a socket write, a wake-up and an executor start-up, which is
 * more than its few index lookups (profiles in docs/bench.md). Gathered, they cost one. A call made alone waits
 * only for the end of the current turn (setImmediate runs right after the sockets' callbacks).
 *
 * Equal keys share one answer. A failure of the statement fails every call of the batch, as each would have failed
 * on its own. A statement that writes (a reading, a visit) gives an `order`: every batch then writes its rows in that
 * order, so that two batches never wait on each other's row locks.
 */
export class TickBatch<K, R> {
  private pending = new Map<string, { key: K; waiting: { resolve(r: R | undefined): void; reject(e: unknown): void }[] }>();
  private scheduled = false;

  private readonly max: number;
  private readonly order: ((a: K, b: K) => number) | undefined;

  /**
   * @param run answers the keys, in order: `run(keys)[i]` is the answer to `keys[i]` (undefined: none).
   * @param id the identity of a key: calls with equal ids share one answer.
   * @param options.max a batch is sent as soon as it holds this many keys (100).
   * @param options.order the order in which `run` receives the keys.
   */
  constructor(
    private readonly run: (keys: K[]) => Promise<(R | undefined)[]>,
    private readonly id: (key: K) => string,
    options: { max?: number; order?: (a: K, b: K) => number } = {},
  ) {
    this.max = options.max ?? 100;
    this.order = options.order;
  }

  load(key: K): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      const k = this.id(key);
      const entry = this.pending.get(k);
      if (entry) entry.waiting.push({ resolve, reject });
      else this.pending.set(k, { key, waiting: [{ resolve, reject }] });
      if (this.pending.size >= this.max) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (this.order) batch.sort((a, b) => this.order!(a.key, b.key));
    this.run(batch.map((b) => b.key)).then(
      (answers) => batch.forEach((b, i) => b.waiting.forEach((w) => w.resolve(answers[i]))),
      (err: unknown) => batch.forEach((b) => b.waiting.forEach((w) => w.reject(err))),
    );
  }
}

/** One batch per database handle (the primary, each replica, a transaction), made on its first use. */
export function batchPerHandle<H extends object, K, R>(make: (handle: H) => TickBatch<K, R>): (handle: H) => TickBatch<K, R> {
  const made = new WeakMap<H, TickBatch<K, R>>();
  return (handle) => {
    let batch = made.get(handle);
    if (!batch) {
      batch = make(handle);
      made.set(handle, batch);
    }
    return batch;
  };
}
