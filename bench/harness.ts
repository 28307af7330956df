/**
 * What every benchmark file shares: the real application (`buildApp`) on a database filled by
 * `npm run seed:large`, autocannon in a child process, CPU per request, the same-run reference and
 * the PASS/FAIL report of the floors.
 *
 *   const bench = await openBench();
 *   try { …bench.measure(…)… } finally { process.exit(await bench.finish(floors)); }
 */
import { cpus, loadavg } from 'node:os';
import { fork } from 'node:child_process';
import type pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../server/src/config.js';
import { buildApp } from '../server/src/app.js';
import { createDb, createPool, type Db } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { createMailer } from '../server/src/modules/mail/service.js';
import { hashToken, newToken } from '../server/src/lib/tokens.js';
import { sessionCookieName } from '../server/src/plugins/session.js';
import { idleEstimate, snapshot, spent, type Spent } from './cpu.js';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export interface Variant { method?: string; path: string; headers?: Record<string, string>; body?: string }
export interface Result { rps: number; total: number; p50: number; p97: number; p99: number; non2xx: number; errors: number; timeouts: number }
export interface Row { label: string; r: Result; cpu: Spent }
export interface BenchSession { userId: number; cookie: string; csrf: string }
/** A floor of the issue: its label and whether this run met it. */
export type Floor = [string, boolean];

export interface Bench {
  app: FastifyInstance;
  pool: pg.Pool;
  db: Db;
  config: Config;
  base: string;
  rows: Row[];
  /** Opens a session for a user directly (no login); removed when the bench finishes. */
  session(userId: number): Promise<BenchSession>;
  /** One request first: a broken route must fail loudly, not show up as a fast 404. Returns the body. */
  check(label: string, v: Variant, expected: number): Promise<string>;
  /** Runs a load without recording it (warm-up). */
  load(variants: Variant[], seconds?: number, connections?: number): Promise<Result>;
  /**
   * Records one measure with the CPU it cost per request. The first measure of a run should be the
   * reference (`measureReference`), so that the others read as a ratio of it.
   */
  measure(label: string, variants: Variant[], connections?: number): Promise<Result>;
  /** The same server answering `body` from a pre-serialized Buffer: the same-run reference. */
  measureReference(body: string | Buffer): Promise<Result>;
  /** Prints the table, the CPU per request and the floors; closes everything; returns the exit code. */
  finish(floors: Floor[], failed?: unknown): Promise<number>;
  /** Largest RSS of this process (the API, without the load generator) seen so far, in MB. */
  maxRssMb(): number;
  /** What made up that largest RSS: V8's heap and the memory outside it (Buffers, sockets), in MB. */
  peakMemory(): { heapMb: number; externalMb: number };
}

/** Runs autocannon against `base` in a child process, not a thread: the API process's memory and CPU are then its own. */
function loadFrom(base: string, variants: Variant[], seconds: number, connections: number): Promise<Result & { cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-worker.mjs', import.meta.url), { execArgv: [] });
    child.once('message', (m) => {
      const { refused, ...r } = m as Result & { cpuMs: number; refused?: string[] };
      for (const line of refused ?? []) console.log(`  réponse refusée : ${line}`);
      resolve(r);
    });
    child.once('error', reject);
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`générateur de charge arrêté (code ${code})`)); });
    child.send({ url: base, connections, duration: seconds, variants });
  });
}

export async function openBench(title: string): Promise<Bench> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL est requis : une base remplie par `npm run seed:large`.');
    process.exit(1);
  }
  const config: Config = { ...loadConfig({} as NodeJS.ProcessEnv, []), databaseUrl: url, logLevel: 'silent', seedDemo: false, rateLimitFactor: 1_000_000 };
  const pool = createPool(url);
  const db = createDb(pool);
  // As `npm start` does: a data set loaded before the latest migrations still matches the code.
  await runMigrations(db);
  const mailer = createMailer(pool, undefined, config.mailFrom, () => {});
  const app = await buildApp(config, { db, pool, mailer });

  let reference: Buffer = Buffer.alloc(0);
  app.get('/bench/reference', (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(reference));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let peak = process.memoryUsage();
  let maxRss = peak.rss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > maxRss) [maxRss, peak] = [now.rss, now];
  }, 100);
  const sessionHashes: string[] = [];
  const rows: Row[] = [];

  const load = (variants: Variant[], seconds = SECONDS, connections = CONNECTIONS) => loadFrom(base, variants, seconds, connections);

  async function measure(label: string, variants: Variant[], connections = CONNECTIONS): Promise<Result> {
    const before = await snapshot(pool);
    const r = await load(variants, SECONDS, connections);
    const s = spent(before, await snapshot(pool));
    const n = Math.max(1, r.total);
    // "charge": the load generator's process plus this process's other threads (GC, libuv).
    rows.push({ label, r, cpu: { nodeMs: s.nodeMs / n, pgMs: s.pgMs / n, clientMs: (s.clientMs + r.cpuMs) / n } });
    return r;
  }

  const busy = loadavg()[0]!;
  console.log(`${title}\nMachine : ${cpus().length} cœurs, Node ${process.version}, charge moyenne avant mesure ${busy.toFixed(1)}`
    + `${busy > 1 ? ' (ATTENTION : d’autres processus occupent la machine, les chiffres seront pessimistes)' : ''}.`);
  console.log(`Charge : ${CONNECTIONS} connexions (sauf mention), ${SECONDS} s par mesure, autocannon dans un processus à part.\n`);

  return {
    app, pool, db, config, base, rows, load, measure,
    async session(userId) {
      const token = newToken();
      const csrf = newToken();
      const hash = hashToken(token);
      await pool.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, reauthenticated_at, user_agent)
                        VALUES ($1, $2, $3, now() + interval '1 day', now(), 'bench')`, [hash, userId, csrf]);
      sessionHashes.push(hash);
      return { userId, cookie: `${sessionCookieName(config.secureCookies)}=${token}`, csrf };
    },
    async check(label, v, expected) {
      const res = await fetch(base + v.path, { method: v.method ?? 'GET', headers: v.headers, body: v.body });
      const text = await res.text();
      if (res.status !== expected) throw new Error(`${label} : ${v.method ?? 'GET'} ${v.path} a répondu ${res.status} (attendu ${expected}) : ${text.slice(0, 300)}`);
      return text;
    },
    async measureReference(body) {
      reference = Buffer.isBuffer(body) ? body : Buffer.from(body);
      return measure('référence (Buffer en mémoire)', [{ path: '/bench/reference' }]);
    },
    maxRssMb: () => maxRss / 1024 / 1024,
    peakMemory: () => ({ heapMb: peak.heapTotal / 1024 / 1024, externalMb: peak.external / 1024 / 1024 }),
    async finish(floors, failed) {
      clearInterval(sampler);
      let code = 0;
      if (failed !== undefined) {
        console.error(failed instanceof Error ? failed.stack ?? failed.message : failed);
        code = 1;
      }
      if (sessionHashes.length > 0) await pool.query(`DELETE FROM sessions WHERE token_hash = ANY($1)`, [sessionHashes]);
      await app.close();
      mailer.close();
      await pool.end();
      if (rows.length > 0) printRows(rows);
      for (const [label, ok] of floors) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
      if (floors.some(([, ok]) => !ok)) code = 1;
      return code;
    },
  };
}

function printRows(rows: Row[]): void {
  const refRow = rows.find((x) => x.label.startsWith('référence')) ?? rows[0]!;
  const ref = refRow.r.rps;
  const f = (n: number, d = 0) => n.toFixed(d).padStart(8);
  console.log(`${'mesure'.padEnd(34)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p97,5'.padStart(8)}${'p99 ms'.padStart(8)}${'/réf.'.padStart(8)}  erreurs`);
  for (const { label, r } of rows) {
    console.log(`${label.padEnd(34)}${f(r.rps)}${f(r.p50)}${f(r.p97)}${f(r.p99)}${f((100 * r.rps) / ref)}%  ${r.non2xx + r.errors + r.timeouts}`);
  }
  const cores = cpus().length;
  const refIdle = idleEstimate(refRow.cpu, cores);
  console.log(`\nCPU par requête (ms) et débit estimé si la machine (${cores} cœurs) n’était occupée que par cette mesure :`);
  console.log(`${'mesure'.padEnd(34)}${'Node'.padStart(8)}${'PG'.padStart(8)}${'charge'.padStart(8)}${'req/s*'.padStart(8)}${'/réf.*'.padStart(8)}`);
  for (const { label, cpu } of rows) {
    const est = idleEstimate(cpu, cores);
    console.log(`${label.padEnd(34)}${f(cpu.nodeMs, 2)}${f(cpu.pgMs, 2)}${f(cpu.clientMs, 2)}${f(est)}${f((100 * est) / refIdle)}%`);
  }
  console.log('');
}

/** True when a measure ran without any non-2xx answer, error or timeout. */
export function clean(r: Result | undefined): boolean {
  return !!r && r.non2xx + r.errors + r.timeouts === 0;
}
