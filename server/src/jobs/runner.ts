import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Db } from '../db/client.js';
import { withStartupLock } from '../db/migrate.js';
import type { Config } from '../config.js';
import type { Mailer } from '../modules/mail/service.js';
import { isConnectionError } from '../db/connection-errors.js';
import { jobDuration, jobRuns, setJobsQueuedSource } from '../lib/metrics.js';
import { PARIS_TIME_ZONE } from '../../../common/time/index.js';

/**
 * Background jobs on pg-boss, in the application's own PostgreSQL (schema `pgboss`, created by pg-boss).
 *
 * One runner per process. Every role can *send* jobs (the web role schedules a publication);
 * only the worker role *works* them and runs the cron schedules. pg-boss goes through our pool,
 * so the jobs add no connections of their own.
 */

export interface JobContext {
  db: Db;
  pool: pg.Pool;
  log: (msg: string) => void;
  /** For jobs that send e-mail (digests, reminders); main.ts passes them. */
  mailer?: Mailer;
  config?: Config;
  /** Sending jobs from a job (a batch that schedules the next one); set by the runner. */
  jobs?: JobSender;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name; also the name used by `send`. */
  name: string;
  /**
   * Must be idempotent: pg-boss delivers at least once (a crash after the work and before the
   * acknowledgement runs the job again).
   */
  handler: (data: T, ctx: JobContext) => Promise<void>;
  /** Cron expression, evaluated in Europe/Paris, for periodic jobs. */
  cron?: string;
  /** `stately`: at most one queued and one running job per singletonKey. */
  policy?: 'standard' | 'stately';
  retryLimit?: number;
  /** Seconds before a failed job is retried; with retryBackoff, doubled at each attempt. */
  retryDelay?: number;
  retryBackoff?: boolean;
}

/**
 * A job of any payload, as the lists of jobs hold them: each handler states its own payload's type, and the runner
 * only passes it the JSON it was sent with.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a handler's parameter is contravariant: JobDefinition<{ n: number }> is no JobDefinition<object>
export type AnyJobDefinition = JobDefinition<any>;

export interface SendOptions {
  startAfter?: Date;
  singletonKey?: string;
}

/** What the web side needs: sending a job. */
export interface JobSender {
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
}

export interface StartOptions extends JobContext {
  definitions: AnyJobDefinition[];
  /** Work the queues and run the schedules (the worker role); otherwise only send. */
  work: boolean;
  /** How often an idle worker looks for jobs; pg-boss's minimum is 0.5 s. */
  pollingIntervalSeconds?: number;
}

/**
 * Creates the queue if missing. Two processes starting together (web and worker) may both create it:
 * pg-boss then deadlocks on its partition table, so a deadlock is retried after a short pause.
 */
async function ensureQueue(boss: PgBoss, def: AnyJobDefinition): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (await boss.getQueue(def.name)) return;
      await boss.createQueue(def.name, { name: def.name, policy: def.policy ?? 'standard', retryLimit: def.retryLimit ?? 3,
        // pg-boss refuses an explicit undefined: only the options a job sets.
        ...(def.retryDelay !== undefined ? { retryDelay: def.retryDelay } : {}),
        ...(def.retryBackoff !== undefined ? { retryBackoff: def.retryBackoff } : {}) });
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

/** While PostgreSQL is down every queue's poll fails every few seconds: one line per half-minute says it. */
const OUTAGE_LOG_EVERY_MS = 30_000;

/**
 * pg-boss reports a failed poll or maintenance and carries on: its workers poll again at their
 * interval, so the queues resume by themselves once PostgreSQL is back. A lost database is only
 * logged now and then; any other error every time.
 */
function outageAwareLog(log: (msg: string) => void): (err: Error) => void {
  let lastOutageLog = 0;
  let missed = 0;
  return (err) => {
    if (!isConnectionError(err)) {
      log(`tâches : erreur ${err.message}`);
      return;
    }
    if (Date.now() - lastOutageLog < OUTAGE_LOG_EVERY_MS) {
      missed += 1;
      return;
    }
    log(`tâches : base de données injoignable, nouvelles tentatives (${err.message}${missed ? ` ; ${missed} autre(s) échec(s)` : ''})`);
    lastOutageLog = Date.now();
    missed = 0;
  };
}

/** Runs one job, counted and timed for the metrics (lib/metrics.ts) whatever its outcome. */
async function runCounted(def: AnyJobDefinition, data: object, ctx: JobContext): Promise<void> {
  const end = jobDuration.startTimer({ queue: def.name });
  try {
    await def.handler(data, ctx);
    jobRuns.inc({ queue: def.name, outcome: 'completed' });
  } catch (err) {
    jobRuns.inc({ queue: def.name, outcome: 'failed' });
    throw err;
  } finally {
    end();
  }
}

/** Jobs created or waiting for a retry, per queue (0 included); pg-boss's job states are an ordered enum. */
const QUEUED_SQL = `SELECT q.name AS queue, count(j.id)::int AS count
  FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name AND j.state < 'active'
 GROUP BY q.name`;

export class JobRunner implements JobSender {
  private constructor(private readonly boss: PgBoss, private readonly log: (msg: string) => void) {}

  static async start(opts: StartOptions): Promise<JobRunner> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => opts.pool.query(text, values) },
      schema: 'pgboss',
      // Maintenance and cron only where jobs are worked: a web-only process stays quiet.
      supervise: opts.work,
      schedule: opts.work,
      migrate: true,
    });
    boss.on('error', outageAwareLog(opts.log));
    // pg-boss installs its schema on the first start; processes starting together would race on it.
    await withStartupLock(opts.pool, async () => {
      await boss.start();
      for (const def of opts.definitions) await ensureQueue(boss, def);
    });
    if (opts.work) {
      const ctx: JobContext = {
        db: opts.db, pool: opts.pool, log: opts.log, mailer: opts.mailer, config: opts.config,
        jobs: { send: (name, data, options = {}) => boss.send(name, data, options) },
      };
      for (const def of opts.definitions) {
        await boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async (jobs) => {
          for (const job of jobs) await runCounted(def, job.data as object, ctx);
        });
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: PARIS_TIME_ZONE });
      }
    }
    setJobsQueuedSource(async () => (await opts.pool.query<{ queue: string; count: number }>(QUEUED_SQL)).rows);
    return new JobRunner(boss, opts.log);
  }

  async send(name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, options);
  }

  /** Lets running jobs finish (up to `timeoutMs`), then stops polling; the pool stays open for the caller. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    this.log('tâches de fond arrêtées.');
  }
}
