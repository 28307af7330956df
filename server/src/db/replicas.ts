import type pg from 'pg';
import { instrumentPool, replicaFailovers, trackReplicas, type ReplicaGaugeState } from '../lib/metrics.js';
import { createDb, createPool, type Db } from './client.js';
import { connectionErrorSummary, isConnectionError } from './connection-errors.js';
import { LSN_UNKNOWN, parseLsn } from './lsn.js';

/**
 * PostgreSQL streaming replicas (DATABASE_REPLICA_URLS) for reads that tolerate a little lag.
 *
 * Every `checkMs` this instance reads the primary's WAL position, then each replica's replayed position. The
 * replica's lag is measured against those samples, on this process's clock only: a replica that has replayed the
 * position the primary had at time t holds every commit made before t, so it lags at most now − t. Unlike
 * `now() − pg_last_xact_replay_timestamp()`, this stays right when the primary is idle and when the replica has
 * lost its link to the primary (it then stops advancing and ages out). A replica that is unreachable, promoted,
 * or further behind than `maxLagMs` is skipped; the primary serves instead.
 */

interface Replica {
  /** host:port/database, for metrics and logs (never the password). */
  name: string;
  pool: pg.Pool;
  db: Db;
  up: boolean;
  replayLsn: bigint;
  /** The primary's state (time on this process's clock) that the replica had replayed at its last check. */
  freshAt: number;
}

interface Sample {
  at: number;
  lsn: bigint;
}

export interface ReplicaOptions {
  maxLagMs: number;
  checkMs: number;
  log: (msg: string) => void;
}

/** A read's database: a replica's, or null when the primary must serve it, and why. */
export type Pick = { db: Db; pool: pg.Pool; replica: string } | { db: null; reason: 'own_write' | 'no_replica' };

function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('connection timeout: replica check')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A hot standby cancels a query whose snapshot the replay of the primary's changes must overrule (40001 « canceling
 * statement due to conflict with recovery », e.g. a vacuumed row it still reads): the primary has no such conflict.
 */
function isRecoveryConflict(err: unknown): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  return code === '40001' && typeof message === 'string' && message.includes('conflict with recovery');
}

export class ReplicaSet {
  private readonly replicas: Replica[];
  private samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;
  private turn = 0;
  private readonly untrack: () => void;

  constructor(urls: string[], private readonly primary: pg.Pool, private readonly options: ReplicaOptions) {
    this.replicas = urls.map((url) => {
      const name = replicaName(url);
      const pool = createPool(url, 10, { name: 'e-communautes-replica', log: options.log, connectTimeoutMs: 2_000 });
      instrumentPool(pool, `replica ${name}`);
      const replica: Replica = { name, pool, db: createDb(pool), up: false, replayLsn: 0n, freshAt: 0 };
      this.failOverToPrimary(replica);
      return replica;
    });
    this.untrack = trackReplicas(() => this.states());
  }

  /** First check (so the first request is routed knowingly), then one every checkMs. */
  async start(): Promise<void> {
    await this.check();
    for (const r of this.replicas.filter((x) => !x.up)) this.options.log(`[db] réplica ${r.name} injoignable au démarrage : le primaire sert ses lectures.`);
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  /** One round of measures; overlapping rounds (a slow replica) are merged into the running one. */
  check(): Promise<void> {
    this.checking ??= this.measure().finally(() => { this.checking = null; });
    return this.checking;
  }

  private async measure(): Promise<void> {
    const timeout = Math.max(this.options.checkMs * 2, 2_000);
    // Taken before the question is asked: the position returned covers every commit made before this instant.
    const at = Date.now();
    try {
      const { rows } = await withTimeout(this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'), timeout);
      this.samples.push({ at, lsn: parseLsn(rows[0]!.lsn)! });
    } catch {
      // Primary unreachable: no sample, so the replicas' freshness ages until it answers again.
    }
    // Samples older than the bound can only tell "too far behind", which the oldest kept one already tells.
    while (this.samples.length > 1 && at - this.samples[1]!.at > this.options.maxLagMs + this.options.checkMs) this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.measureReplica(r, timeout)));
  }

  private async measureReplica(replica: Replica, timeout: number): Promise<void> {
    try {
      const { rows } = await withTimeout(replica.pool.query<{ standby: boolean; replay: string | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay',
      ), timeout);
      const replay = parseLsn(rows[0]?.replay);
      // Promoted (or not a standby at all): its data no longer follows the primary's.
      if (!rows[0]?.standby || replay === null) return this.markDown(replica, 'ce n’est pas (ou plus) un réplica en attente');
      replica.replayLsn = replay;
      const latest = this.samples.findLast((s) => s.lsn <= replay);
      replica.freshAt = latest?.at ?? 0;
      if (!replica.up) this.options.log(`[db] réplica ${replica.name} joignable : il sert les lectures tant qu’il suit le primaire.`);
      replica.up = true;
    } catch (err) {
      this.markDown(replica, connectionErrorSummary(err));
    }
  }

  private markDown(replica: Replica, why: string): void {
    if (replica.up) this.options.log(`[db] réplica ${replica.name} écarté, le primaire sert ses lectures : ${why}`);
    replica.up = false;
  }

  private usable(replica: Replica, now = Date.now()): boolean {
    return replica.up && now - replica.freshAt <= this.options.maxLagMs;
  }

  /**
   * A replica for a read that must see the position `minLsn` (the reader's own last write), taking turns among the
   * usable ones; else null, and the primary serves.
   */
  pick(minLsn: bigint | null): Pick {
    const now = Date.now();
    const usable = this.replicas.filter((r) => this.usable(r, now));
    if (usable.length === 0) return { db: null, reason: 'no_replica' };
    const current = minLsn === null ? usable : usable.filter((r) => r.replayLsn >= minLsn);
    if (current.length === 0) return { db: null, reason: 'own_write' };
    this.turn = (this.turn + 1) % current.length;
    const chosen = current[this.turn]!;
    return { db: chosen.db, pool: chosen.pool, replica: chosen.name };
  }

  /** The primary's WAL position now: given to a person after their write, so that their next reads include it. */
  async primaryLsn(): Promise<bigint> {
    try {
      const { rows } = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      return parseLsn(rows[0]!.lsn) ?? LSN_UNKNOWN;
    } catch {
      return LSN_UNKNOWN;
    }
  }

  states(): ReplicaGaugeState[] {
    const now = Date.now();
    return this.replicas.map((r) => ({
      name: r.name, up: r.up, usable: this.usable(r, now),
      lagSeconds: r.up ? Math.max(0, now - r.freshAt) / 1000 : null,
    }));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.untrack();
    await this.checking;
    await Promise.all(this.replicas.map((r) => r.pool.end()));
  }

  /**
   * A replica that goes away between two checks (stopped, restarted, network cut) must not turn reads into
   * errors: a read-only statement or transaction that cannot reach it runs on the primary instead, and the
   * replica is skipped until a check finds it again; a statement the standby cancelled in a conflict with its
   * replay runs on the primary too, the replica kept. Drizzle runs plain statements through `pool.query` and
   * transactions on a client from `pool.connect()`; pg-pool's own `query` uses the callback form of `connect`,
   * left as it is.
   */
  private failOverToPrimary(replica: Replica): void {
    type Loose = Record<'query' | 'connect', (...args: unknown[]) => Promise<unknown>>;
    const pool = replica.pool as unknown as Loose;
    const query = pool.query.bind(pool);
    const connect = pool.connect.bind(pool);
    const primary = this.primary as unknown as Loose;
    const onLost = (err: unknown) => {
      const lost = isConnectionError(err);
      if (!lost && !isRecoveryConflict(err)) throw err;
      replicaFailovers.inc({ replica: replica.name });
      // A statement cancelled by the replay it was holding back says nothing about the replica's health.
      if (lost) this.markDown(replica, connectionErrorSummary(err));
    };
    pool.query = (...args: unknown[]) => {
      if (typeof args[args.length - 1] === 'function') return query(...args);
      return query(...args).catch((err: unknown) => { onLost(err); return primary.query(...args); });
    };
    pool.connect = (...args: unknown[]) => {
      if (typeof args[0] === 'function') return connect(...args);
      return connect().catch((err: unknown) => { onLost(err); return primary.connect(); });
    };
  }
}
