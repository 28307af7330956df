import pg from 'pg';
import type { Config } from '../config.js';
import { BackupError, safeUrl } from './errors.js';

export interface Target {
  url: string;
  /** Stops the embedded PostgreSQL when this command started it; nothing otherwise. */
  release: () => Promise<void>;
}

/** Schemas PostgreSQL owns; everything else in the database is ours (public, drizzle, pgboss). */
const SYSTEM_SCHEMAS = `nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`;

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'e-communautes-sauvegarde' });
  try {
    await client.connect();
  } catch (err) {
    throw new BackupError(`Base de données injoignable (${safeUrl(url)}) : ${(err as Error).message}. `
      + `Vérifiez DATABASE_URL et que PostgreSQL est démarré.`);
  }
  // A server that goes away mid-command surfaces as a failed query; this keeps it from crashing the process first.
  client.on('error', () => {});
  return client;
}

/**
 * The database the application uses: DATABASE_URL, else the embedded PostgreSQL of DATA_DIR — the running
 * one when `npm start` holds it (two postmasters cannot share a data folder), else started here as main.ts does.
 */
export async function openTarget(config: Config, log: (msg: string) => void): Promise<Target> {
  if (config.databaseUrl) return { url: config.databaseUrl, release: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 5433);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/ecommunautes`;
  try {
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    await probe.connect();
    await probe.end();
    log(`PostgreSQL embarqué déjà démarré (port ${port}) : utilisé tel quel.`);
    return { url, release: async () => {} };
  } catch {
    // Not running: started below.
  }
  log(`Démarrage du PostgreSQL embarqué (données dans ${config.dataDir}/pg)…`);
  const { startEmbeddedPostgres } = await import('../db/embedded.js');
  const embedded = await startEmbeddedPostgres(config.dataDir, port, log).catch((err: Error) => {
    throw new BackupError(`Le PostgreSQL embarqué n’a pas démarré (${err.message}) : arrêtez l’application si elle tourne, `
      + `ou indiquez une base avec DATABASE_URL.`);
  });
  return { url: embedded.url, release: () => embedded.stop() };
}

export async function serverMajor(client: pg.Client): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ server_version_num: string; server_version: string }>(
    `SELECT current_setting('server_version_num') AS server_version_num, current_setting('server_version') AS server_version`);
  return { major: Math.floor(Number(rows[0]!.server_version_num) / 10_000), version: rows[0]!.server_version };
}

/** Every table of our schemas, with its exact row count, read in the client's current snapshot. */
export async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${SYSTEM_SCHEMAS} ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    // A partitioned table's count includes its partitions, which are not listed on their own.
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

export async function migrationCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`);
  if (!rows[0]!.exists) return 0;
  const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
  return Number(r.rows[0]!.n);
}

/** Tables of our schemas: a database with none is empty (created, never migrated). */
export async function ownTableCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND ${SYSTEM_SCHEMAS}`);
  return Number(rows[0]!.n);
}

/** Drops every schema of ours (tables, functions, extensions in them) and leaves an empty `public`. */
export async function wipe(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(nspname) AS name FROM pg_namespace WHERE ${SYSTEM_SCHEMAS}`);
  await client.query('BEGIN');
  for (const { name } of rows) await client.query(`DROP SCHEMA ${name} CASCADE`);
  await client.query('CREATE SCHEMA public');
  await client.query('COMMIT');
}
