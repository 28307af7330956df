/**
 * Calls of one statement made during one turn of the event loop, answered by ONE statement over all their keys.
 *
 * Under load, the requests read off the sockets in one turn each want the same hot statement (a post's state):
 * sent one by one, every call costs both processes a socket write, a wake-up and an executor start-up, which is
 * more than its few index lookups (profiles in docs/bench.md). Gathered, they cost one. A call made alone waits
 * only for the end of the current turn (setImmediate runs right after the sockets' callbacks).
 *
 * Equal keys share one answer. A failure of the statement fails every call of the batch, as each would have failed
 * on its own.
 */
export class TickBatch<K, R> {
  private pending = new Map<string, { key: K; waiting: { resolve(r: R | undefined): void; reject(e: unknown): void }[] }>();
  private scheduled = false;

  /**
   * @param run answers the keys, in order: `run(keys)[i]` is the answer to `keys[i]` (undefined: none).
   * @param id the identity of a key: calls with equal ids share one answer.
   * @param max a batch is sent as soon as it holds this many keys.
   */
  constructor(
    private readonly run: (keys: K[]) => Promise<(R | undefined)[]>,
    private readonly id: (key: K) => string,
    private readonly max = 100,
  ) {}

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
    this.run(batch.map((b) => b.key)).then(
      (answers) => batch.forEach((b, i) => b.waiting.forEach((w) => w.resolve(answers[i]))),
      (err: unknown) => batch.forEach((b) => b.waiting.forEach((w) => w.reject(err))),
    );
  }
}
