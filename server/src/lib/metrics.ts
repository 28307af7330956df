import { performance } from 'node:perf_hooks';
import client from 'prom-client';
import type pg from 'pg';

/**
 * The Prometheus figures of this process, in one registry. Modules count what they do here (mails,
 * rate-limit refusals, jobs) without knowing how the figures are served (plugins/metrics.ts: the
 * `/metrics` route behind METRICS_TOKEN, or a port of its own on 127.0.0.1 with METRICS_PORT, which
 * also serves a worker-only process). Label values are bounded sets (routes, queues, actions), never ids.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Durée des requêtes HTTP',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const mailMessages = new client.Counter({
  name: 'mail_messages_total',
  help: 'Courriels traités, par issue : sent (envoyé), failed (échec SMTP), outbox (gardé, pas de SMTP configuré)',
  labelNames: ['status'],
  registers: [registry],
});
for (const status of ['sent', 'failed', 'outbox']) mailMessages.inc({ status }, 0);

export const rateLimitRefusals = new client.Counter({
  name: 'rate_limit_refusals_total',
  help: 'Demandes refusées pour dépassement d’une limite de fréquence (429), par action',
  labelNames: ['action'],
  registers: [registry],
});

export const jobRuns = new client.Counter({
  name: 'jobs_runs_total',
  help: 'Tâches de fond exécutées par ce processus, par file et issue (completed, failed)',
  labelNames: ['queue', 'outcome'],
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: 'job_duration_seconds',
  help: 'Durée d’exécution des tâches de fond, par file',
  labelNames: ['queue'],
  buckets: [0.01, 0.05, 0.25, 1, 5, 15, 60, 300],
  registers: [registry],
});

// Registered before the gauges whose collect queries the database: prom-client collects in registration
// order, and the pool is read before a scrape query of its own waits in it.
const pools = new Map<pg.Pool, string>();

function poolGauge(name: string, help: string, read: (pool: pg.Pool) => number): void {
  new client.Gauge({
    name, help, labelNames: ['pool'], registers: [registry],
    collect() {
      this.reset();
      for (const [pool, label] of pools) {
        if ((pool as pg.Pool & { ended?: boolean }).ended) pools.delete(pool);
        else this.inc({ pool: label }, read(pool));
      }
    },
  });
}

poolGauge('db_pool_connections', 'Connexions PostgreSQL ouvertes par le pool', (p) => p.totalCount);
poolGauge('db_pool_idle_connections', 'Connexions PostgreSQL inactives dans le pool', (p) => p.idleCount);
poolGauge('db_pool_waiting_requests', 'Demandes en attente d’une connexion libre du pool', (p) => p.waitingCount);

/** Counts of waiting jobs, read from the queue tables at scrape time (set by the job runner). */
let queuedSource: (() => Promise<{ queue: string; count: number }[]>) | null = null;

export function setJobsQueuedSource(source: typeof queuedSource): void {
  queuedSource = source;
}

new client.Gauge({
  name: 'jobs_queued',
  help: 'Tâches de fond en attente (créées ou à réessayer), par file, toutes instances confondues',
  labelNames: ['queue'],
  registers: [registry],
  async collect() {
    this.reset();
    if (!queuedSource) return;
    try {
      for (const { queue, count } of await queuedSource()) this.set({ queue }, count);
    } catch {
      // Database unreachable: no figure rather than a failed scrape; the pool gauges tell why.
    }
  },
});

/** Live notification streams, one counter function per notification hub (one per app instance). */
const liveSources = new Set<() => number>();

export function trackLiveConnections(count: () => number): () => void {
  liveSources.add(count);
  return () => { liveSources.delete(count); };
}

new client.Gauge({
  name: 'live_connections',
  help: 'Flux de notifications en direct (SSE) ouverts sur ce processus',
  registers: [registry],
  collect() {
    let n = 0;
    for (const count of liveSources) n += count();
    this.set(n);
  },
});

const acquireWait = new client.Histogram({
  name: 'db_pool_acquire_seconds',
  help: 'Attente pour obtenir une connexion du pool PostgreSQL',
  labelNames: ['pool'],
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [registry],
});

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, release: (release?: unknown) => void) => void;

/**
 * Gauges of the pool and a histogram of the wait for a connection. pg-pool's `query` goes through
 * `this.connect`, so wrapping `connect` on the instance times every checkout: queries, Drizzle
 * transactions and pg-boss alike, for one clock read per checkout.
 */
export function instrumentPool(pool: pg.Pool, label: string): void {
  if (pools.has(pool)) return;
  pools.set(pool, label);
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const timed = (cb?: ConnectCallback) => {
    const start = performance.now();
    const observe = () => acquireWait.observe({ pool: label }, (performance.now() - start) / 1000);
    if (cb) return connect((err, c, release) => { observe(); cb(err, c, release); });
    return connect()!.then((c) => { observe(); return c; }, (err: unknown) => { observe(); throw err; });
  };
  (pool as unknown as { connect: typeof timed }).connect = timed;
}

export const routedReads = new client.Counter({
  name: 'db_routed_reads_total',
  help: 'Requêtes de lecture tolérant un léger retard, par base qui les sert (replica, primary) et raison : lag_tolerant (réplica à jour), own_write (la personne vient d’écrire), no_replica (aucun réplica utilisable), signed_in (route réservée aux anonymes)',
  labelNames: ['target', 'reason'],
  registers: [registry],
});

export const replicaFailovers = new client.Counter({
  name: 'db_replica_failovers_total',
  help: 'Lectures reprises par le primaire parce que la connexion à un réplica a échoué',
  labelNames: ['replica'],
  registers: [registry],
});

/** What a replica set tells the gauges below (db/replicas.ts); `replica` is host:port/database, a bounded set. */
export interface ReplicaGaugeState {
  name: string;
  up: boolean;
  usable: boolean;
  lagSeconds: number | null;
}

const replicaSources = new Set<() => ReplicaGaugeState[]>();

export function trackReplicas(states: () => ReplicaGaugeState[]): () => void {
  replicaSources.add(states);
  return () => { replicaSources.delete(states); };
}

function replicaGauge(name: string, help: string, read: (s: ReplicaGaugeState) => number | null): void {
  new client.Gauge({
    name, help, labelNames: ['replica'], registers: [registry],
    collect() {
      this.reset();
      for (const states of replicaSources) {
        for (const s of states()) {
          const value = read(s);
          if (value !== null) this.set({ replica: s.name }, value);
        }
      }
    },
  });
}

replicaGauge('db_replica_up', 'Réplica joignable et en réplication (1) ou non (0)', (s) => (s.up ? 1 : 0));
replicaGauge('db_replica_usable', 'Réplica qui sert les lectures (1) ou écarté : injoignable ou trop en retard (0)', (s) => (s.usable ? 1 : 0));
replicaGauge('db_replica_lag_seconds', 'Retard du réplica sur le primaire, au dernier contrôle (secondes)', (s) => s.lagSeconds);
