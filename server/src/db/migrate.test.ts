import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, createPool } from './client.js';
import { runMigrations } from './migrate.js';
import { JobRunner } from '../jobs/runner.js';
import { jobDefinitions } from '../jobs/definitions.js';

/**
 * Every process (each web instance, the worker) migrates at start; after an upgrade they all start together on a
 * database with pending migrations, and must not race each other.
 */
describe('start of several processes on one database', () => {
  const server = new URL(inject('databaseUrl'));
  const name = `${server.pathname.slice(1)}_migrate`;
  const url = new URL(server);
  url.pathname = `/${name}`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('three processes starting together on an empty database all succeed (migrations, job queues), and migrate once', async () => {
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const pools = [0, 1, 2].map(() => createPool(url.toString(), 2));
    try {
      // What main.ts does at start: migrate, then start the job runner (pg-boss installs its schema then).
      const migrated = await Promise.allSettled(pools.map((pool) => runMigrations(createDb(pool))));
      expect(migrated.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      const runners: JobRunner[] = [];
      const results = await Promise.allSettled(pools.map(async (pool, i) => {
        runners.push(await JobRunner.start({ db: createDb(pool), pool, log: () => {}, definitions: jobDefinitions, work: i === 0 } as Parameters<typeof JobRunner.start>[0]));
      }));
      await Promise.all(runners.map((r) => r.stop(1000)));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      const { rows } = await pools[0]!.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations');
      expect(rows[0]!.n).toBe(rows[0]!.distinct);
      expect(rows[0]!.n).toBeGreaterThan(10);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
