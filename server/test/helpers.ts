import { afterAll, inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { createDb, createPool } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { createMailer } from '../src/modules/mail/service.js';
import type { App } from '../src/types.js';

export interface TestApp {
  app: App;
  config: Config;
  close: () => Promise<void>;
}

/**
 * Builds the real application on the run's test database.
 * Rate limits are multiplied so that tests sharing 127.0.0.1 don't trip them, unless a test asks.
 */
export async function makeTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config: Config = {
    ...loadConfig({ PUBLIC_URL: 'http://localhost:3000' } as NodeJS.ProcessEnv, []),
    databaseUrl: inject('databaseUrl'),
    logLevel: 'silent',
    seedDemo: false,
    rateLimitFactor: 1000,
    smtpUrl: undefined,
    ...overrides,
  };
  const pool = createPool(config.databaseUrl!, 5);
  const db = createDb(pool);
  const mailer = createMailer(db, config.smtpUrl, config.mailFrom, () => {});
  const app = await buildApp(config, { db, pool, mailer });
  await app.ready();
  const close = async () => {
    await app.close();
    mailer.close();
    await pool.end();
  };
  return { app, config, close };
}

/** A test app closed automatically after the file's tests. */
export async function useTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const t = await makeTestApp(overrides);
  afterAll(t.close);
  return t;
}

let counter = 0;
/** A unique suffix so each test makes its own data in the shared run database. */
/**
 * Takes a PostgreSQL advisory lock on a connection of its own and keeps it until `release`: test files that flip
 * one network-wide setting (the welcome campaign's pause) take turns with those that depend on it, across processes.
 */
export async function holdTestLock(app: App, name: string): Promise<{ release: () => Promise<void> }> {
  const client = await app.pool.connect();
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [`test:${name}`]);
  return {
    release: async () => {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`test:${name}`]).catch(() => undefined);
      client.release();
    },
  };
}

export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
