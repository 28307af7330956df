import type pg from 'pg';
import { loadConfig, type Config } from './config.js';
import { createDb, createPool } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import type { EmbeddedDb } from './db/embedded.js';
import { buildApp } from './app.js';
import { createMailer, type Mailer } from './modules/mail/service.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { JobRunner } from './jobs/runner.js';
import { jobDefinitions } from './jobs/definitions.js';
import { installProcessGuards } from './lib/process-guard.js';
import { explainStartFailure, type StartContext } from './lib/startup-errors.js';
import type { App } from './types.js';

const log = (msg: string) => console.log(`[e-communautés] ${msg}`);
installProcessGuards(log);

let stopping = false;
let embedded: EmbeddedDb | undefined;
let pool: pg.Pool | undefined;
let mailer: Mailer | undefined;
let jobs: JobRunner | undefined;
let app: App | undefined;
const ctx: StartContext = { step: 'config' };

async function start(): Promise<void> {
  const config: Config = loadConfig();
  ctx.port = config.port;
  ctx.host = config.host;
  ctx.step = 'database';
  if (!config.databaseUrl) {
    const { startEmbeddedPostgres } = await import('./db/embedded.js');
    embedded = await startEmbeddedPostgres(config.dataDir, undefined, log);
    config.databaseUrl = embedded.url;
    ctx.embedded = true;
    log(`PostgreSQL embarqué démarré (données dans ${config.dataDir}/pg).`);
  }
  ctx.databaseUrl = config.databaseUrl;
  // Connections ended by our own stop are expected: nothing to report then.
  pool = createPool(config.databaseUrl, 10, { log: (msg) => { if (!stopping) log(msg); } });
  await pool.query('SELECT 1');
  const db = createDb(pool);
  ctx.step = 'migrations';
  await runMigrations(db);
  ctx.step = 'other';
  if (config.seedDemo) await seedDemoIfEmpty(db, log);

  mailer = createMailer(pool, config.smtpUrl, config.mailFrom, log);
  // Every role sends jobs (the web role schedules publications); only the worker role works them.
  jobs = await JobRunner.start({ db, pool, log, mailer, config, definitions: jobDefinitions, work: config.roles.worker });
  if (config.roles.worker) log('Tâches de fond démarrées (rôle worker).');
  app = config.roles.web ? await buildApp(config, { db, pool, mailer, jobs }) : undefined;
  if (app) {
    ctx.step = 'listen';
    await app.listen({ port: config.port, host: config.host });
    log(`Prêt en ${process.uptime().toFixed(1)} s : ${config.publicUrl}`);
  }
}

/** Closes what was opened, in reverse order; PostgreSQL last, once no connection of ours is left. */
async function closeAll(): Promise<void> {
  await app?.close();
  // Lets a running job finish before the pool closes under it.
  await jobs?.stop();
  mailer?.close();
  await pool?.end();
  if (embedded) {
    await embedded.stop();
    log('PostgreSQL embarqué arrêté.');
  }
}

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal} reçu : arrêt propre…`);
  try {
    await closeAll();
  } catch (err) {
    log(`arrêt : ${(err as Error).message}`);
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await start();
} catch (err) {
  // After a signal, shutdown() is closing what is open and exits by itself: failures it causes are expected.
  if (!stopping) {
    stopping = true;
    log(`Démarrage impossible : ${explainStartFailure(err, ctx)}`);
    await closeAll().catch(() => {});
    process.exit(1);
  }
}
