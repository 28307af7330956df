import { sql } from 'drizzle-orm';
import { asyncHandler, type AsyncContext } from './bus.js';
import type { DomainEvent } from './catalogue.js';

/**
 * Runs the asynchronous handlers of the outbox (table domain_events) once their transaction committed: one row at a
 * time, claimed with FOR UPDATE SKIP LOCKED (several workers share the work), deleted when its handler succeeded,
 * pushed back with a doubling delay when it failed. The worker role runs one (main.ts); the web role only writes rows.
 */

/** How often an idle dispatcher looks for due rows: the delay of a transactional e-mail at worst. */
export const POLL_MS = 1000;
/** Longest pause between two attempts of a failing handler. */
const MAX_RETRY_SECONDS = 3600;

export interface DispatcherOptions extends AsyncContext {
  pollMs?: number;
  /** Test seam: only these outbox ids (a test app dispatches the rows its own requests wrote)… */
  only?: () => number[];
  /** …and is told each one it took. */
  taken?: (id: number) => void;
}

interface Row extends Record<string, unknown> {
  id: number;
  handler: string;
  payload: DomainEvent;
}

export class EventDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  private constructor(private readonly opts: DispatcherOptions) {}

  static start(opts: DispatcherOptions): EventDispatcher {
    const dispatcher = new EventDispatcher(opts);
    dispatcher.schedule(0);
    return dispatcher;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain().then(() => undefined, (err: unknown) => this.opts.log(`événements : ${(err as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.opts.pollMs ?? POLL_MS);
        });
    }, ms);
  }

  /** Runs due rows until none is left; returns how many were taken (succeeded or pushed back). */
  async drain(): Promise<number> {
    let n = 0;
    for (let id = await this.runOne(); id !== null; id = this.stopped ? null : await this.runOne()) {
      this.opts.taken?.(id);
      n += 1;
    }
    return n;
  }

  /** Takes one due row: the id of the row handled or pushed back, null when none is due. */
  private async runOne(): Promise<number | null> {
    const only = this.opts.only?.();
    if (only && only.length === 0) return null;
    return this.opts.db.transaction(async (tx) => {
      const { rows } = await tx.execute<Row>(sql`
        SELECT id, handler, payload FROM domain_events
         WHERE due_at <= now() ${only ? sql`AND id = ANY(${sql.param(only)}::bigint[])` : sql``}
         ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`);
      const row = rows[0];
      if (!row) return null;
      try {
        const handle = asyncHandler(row.handler);
        if (!handle) throw new Error(`aucun gestionnaire « ${row.handler} » dans ce processus`);
        await handle(row.payload, this.opts);
        await tx.execute(sql`DELETE FROM domain_events WHERE id = ${row.id}`);
      } catch (err) {
        const message = String(err).slice(0, 500);
        this.opts.log(`événement ${row.id} (${row.handler}) en échec, nouvel essai plus tard : ${message}`);
        await tx.execute(sql`
          UPDATE domain_events SET attempts = attempts + 1, last_error = ${message},
                 due_at = now() + make_interval(secs => least(${MAX_RETRY_SECONDS}, 5 * power(2, attempts)))
           WHERE id = ${row.id}`);
      }
      return row.id;
    });
  }

  /** Lets the row in progress finish, then stops polling. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
