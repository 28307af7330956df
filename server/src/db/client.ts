import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; services accept `Db | Tx` so they compose inside one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

// bigint (int8) values fit in JS numbers for our ids and counts.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface PoolOptions {
  /** application_name, to find this pool's connections in pg_stat_activity. */
  name?: string;
  /** Where a lost idle connection is reported; main.ts silences it during a planned stop. */
  log?: (msg: string) => void;
  /** How long a new connection may take (default 10 s); a replica's is short, since the primary can serve instead. */
  connectTimeoutMs?: number;
}

/** A burst of lost connections (a restart drops them all) makes one line, not one per connection. */
const LOST_LOG_QUIET_MS = 10_000;

export function createPool(url: string, max = 10, options: PoolOptions = {}): pg.Pool {
  const log = options.log ?? ((msg: string) => console.error(msg));
  const pool = new pg.Pool({
    connectionString: url, max, idleTimeoutMillis: 30_000, application_name: options.name ?? 'e-communautes',
    // An unreachable host would otherwise hold each request for the OS's TCP timeout (minutes) before the 503.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // A connection dropped while checked out (inside a transaction, a LISTEN-less fan-out batch, a roll-up)
  // emits 'error' on its client, and node-postgres' pool only listens while the client is idle: an
  // unlistened 'error' event ends the process. The query in flight is rejected anyway and the pool
  // discards the broken client on release, so this listener only has to exist.
  pool.on('connect', (client) => client.on('error', () => {}));
  let lastLog = 0;
  // An idle connection dropped by the server (restart, shutdown): the pool replaces it on next use.
  pool.on('error', (err) => {
    if (Date.now() - lastLog < LOST_LOG_QUIET_MS) return;
    lastLog = Date.now();
    log(`[db] connexion(s) inactive(s) perdue(s) : ${err.message}`);
  });
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema, casing: 'snake_case' });
}
