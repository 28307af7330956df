import type { Server } from 'node:http';
import type pg from 'pg';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config.js';
import { createDb, createPool } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import type { EmbeddedDb } from './db/embedded.js';
import { buildApp } from './app.js';
import { createMailer, type Mailer } from './modules/mail/service.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { JobRunner } from './jobs/runner.js';
import { jobDefinitions } from './jobs/definitions.js';
import { createLogger, logFormat, type LogFormat } from './lib/logger.js';
import { instrumentPool } from './lib/metrics.js';
import { serveMetrics } from './plugins/metrics.js';
import { installProcessGuards } from './lib/process-guard.js';
import { explainStartFailure, type StartContext } from './lib/startup-errors.js';
import type { App } from './types.js';
import { startReplyListener, type ReplyListener } from './modules/reply-mail/listener.js';
import { installEventHandlers } from './events/wiring.js';
import { EventDispatcher } from './events/dispatcher.js';

/** The format before the configuration is read (and if it cannot be): a start failure must be printed anyway. */
function initialFormat(): LogFormat {
  try {
    return logFormat(process.env, process.stdout.isTTY === true);
  } catch {
    return 'text';
  }
}

// One logger for the start-up lines, the jobs, the mailer and Fastify: one format (lib/logger.ts).
let logger: Logger = createLogger('info', initialFormat());
const log = (msg: string) => logger.info(msg);
installProcessGuards({ warn: (msg) => logger.warn(msg), error: (msg) => logger.error(msg) });

let stopping = false;
let embedded: EmbeddedDb | undefined;
let pool: pg.Pool | undefined;
let mailer: Mailer | undefined;
let jobs: JobRunner | undefined;
let events: EventDispatcher | undefined;
let app: App | undefined;
let metricsServer: Server | undefined;
let replyListener: ReplyListener | undefined;
const ctx: StartContext = { step: 'config' };

async function start(): Promise<void> {
  const config: Config = loadConfig();
  logger = createLogger(config.logLevel, config.logFormat);
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
  pool = createPool(config.databaseUrl, 10, { log: (msg) => { if (!stopping) logger.warn(msg); } });
  instrumentPool(pool, 'app');
  await pool.query('SELECT 1');
  const db = createDb(pool);
  ctx.step = 'migrations';
  await runMigrations(db);
  ctx.step = 'other';
  // Before any write of this process (the reply listener and the jobs write posts and comments too).
  installEventHandlers();
  if (config.seedDemo) await seedDemoIfEmpty(db, log);

  mailer = createMailer(db, config.smtpUrl, config.mailFrom, log);
  // Every role sends jobs (the web role schedules publications); only the worker role works them.
  jobs = await JobRunner.start({ db, pool, log, mailer, config, definitions: jobDefinitions, work: config.roles.worker });
  if (config.roles.worker) log('Tâches de fond démarrées (rôle worker).');
  // The worker runs what the writes of every role left in the outbox (transactional e-mails…): events/dispatcher.ts.
  if (config.roles.worker) events = EventDispatcher.start({ db, mailer, log });
  if (config.roles.worker && config.replyMail?.port !== undefined) {
    ctx.step = 'listen';
    ctx.port = config.replyMail.port;
    ctx.portVariable = 'REPLY_SMTP_PORT';
    replyListener = await startReplyListener({ db, mailer, config, log }, config.replyMail);
    log(`Réponses par courriel reçues sur ${config.replyMail.host}:${replyListener.port} (adresses @${config.replyMail.domain}).`);
    ctx.step = 'other';
  }
  app = config.roles.web ? await buildApp(config, { db, pool, mailer, jobs, logger }) : undefined;
  ctx.step = 'listen';
  ctx.port = config.metricsPort;
  ctx.portVariable = 'METRICS_PORT';
  metricsServer = config.metricsPort !== undefined ? await serveMetrics(config.metricsPort) : undefined;
  if (metricsServer) log(`Métriques servies sur http://127.0.0.1:${config.metricsPort}/metrics (accès local uniquement).`);
  if (app) {
    ctx.port = config.port;
    ctx.portVariable = 'PORT';
    await app.listen({ port: config.port, host: config.host });
    log(`Prêt en ${process.uptime().toFixed(1)} s : ${config.publicUrl}`);
  }
}

/** Closes what was opened, in reverse order; PostgreSQL last, once no connection of ours is left. */
async function closeAll(): Promise<void> {
  await app?.close();
  await replyListener?.close();
  metricsServer?.close();
  // Lets a running job finish before the pool closes under it.
  await jobs?.stop();
  await events?.stop();
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
    // Printed whatever LOG_LEVEL says: it is the only line that tells why the service is not there.
    createLogger('info', initialFormat()).error(`Démarrage impossible\u00a0: ${explainStartFailure(err, ctx)}`);
    await closeAll().catch(() => {});
    process.exit(1);
  }
}
