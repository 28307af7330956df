/**
 * What every benchmark file shares: the real application (`buildApp`) on a database filled by
 * `npm run seed:large`, running in its own process as in production (bench/api-process.ts, compiled to
 * JavaScript as `npm start` runs it), autocannon in another child process, CPU per request of the API process and of
 * PostgreSQL, the same-run reference and the PASS/FAIL report of the issue's floors.
 *
 * This process only prepares the data (sessions, fixtures, request plans) and reads the results: its own memory
 * and CPU are counted in no figure. RSS, page cache and CPU figures are the API process's, read over IPC or /proc.
 *
 *   const bench = await openBench();
 *   try { …bench.measure(…)… } finally { process.exit(await bench.finish(floors)); }
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { loadConfig, type Config } from '../server/src/config.js';
import { createDb, createPool, type Db } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { hashToken, newToken } from '../server/src/lib/tokens.js';
import { sessionCookieName } from '../server/src/plugins/session.js';
import { idleEstimate, snapshot, spent, type Spent } from './cpu.js';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** `label`: the kind of request, for latencies per kind within one measure (bench:mixed). */
export interface Variant { method?: string; path: string; headers?: Record<string, string>; body?: string; label?: string }
export interface Result {
  rps: number; total: number; p50: number; p97: number; p99: number; non2xx: number; errors: number; timeouts: number;
  /** Per variant label, when the variants have one. */
  byLabel?: Record<string, { count: number; p50: number; p99: number }>;
}
export interface Row { label: string; r: Result; cpu: Spent }
export interface BenchSession { userId: number; cookie: string; csrf: string }
/** A floor of the issue: its label and whether this run met it. */
export type Floor = [string, boolean];

/** Memory of the API process, in MB. */
export interface MemoryMb { rssMb: number; heapMb: number; externalMb: number }
/** The peak RSS seen in the API process (heap = V8's heap total then) and its usage now (heap = heap used). */
export interface ApiMemory { peak: MemoryMb; now: MemoryMb }
/** The API process's page cache (`app.pageCache`). */
export interface PageCacheStats { hits: number; misses: number; size: number; bytes: number; maxBytes: number }
/** What harness.ts asks bench/api-process.ts. */
export type ApiCommand =
  | { type: 'memory'; gc?: boolean }
  | { type: 'pageCache' }
  | { type: 'reference'; body: string } // base64
  | { type: 'close' };
/** A command as sent, answered by a message with the same id. */
export type ApiRequest = ApiCommand & { id: number };

/** The configuration the API process is built with: the defaults, quiet, no demo data, rate limits out of the way. */
export function benchConfig(databaseUrl: string): Config {
  return { ...loadConfig({} as NodeJS.ProcessEnv, []), databaseUrl, logLevel: 'silent', seedDemo: false, rateLimitFactor: 1_000_000 };
}

export interface Bench {
  /** This process's own pool (fixtures, sessions); the API process has its own. */
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
  /**
   * Largest RSS of the API process seen so far (sampled every 100 ms in that process) and what made it up:
   * V8's heap and the memory outside it (Buffers, sockets), in MB.
   */
  peakMemory(): Promise<MemoryMb>;
  /** The API process's memory now (heap = heap used); `gc` first collects when it runs with --expose-gc. */
  memoryNow(gc?: boolean): Promise<MemoryMb>;
  /** The API process's page cache counters. */
  pageCache(): Promise<PageCacheStats>;
}

/** Runs autocannon against `base` in a child process, not a thread: neither the bench nor the API shares its CPU. */
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

/** The API in its own process: started, ready on `port`, asked over IPC. */
interface ApiProcess { child: ChildProcess; port: number; ask<T>(request: ApiCommand): Promise<T> }

/** The Node options of a production web instance, read off its systemd unit (deploy/systemd/). */
function productionNodeOptions(): string[] {
  const unit = readFileSync(new URL('../deploy/systemd/e-communautes-web@.service', import.meta.url), 'utf8');
  return /^Environment=NODE_OPTIONS=(.*)$/m.exec(unit)?.[1]!.split(' ').filter(Boolean) ?? [];
}

/** Forks bench/api-process.ts, compiled, and waits until it listens. */
function startApi(): Promise<ApiProcess> {
  return new Promise((resolve, reject) => {
    // The compiled JavaScript, as `npm start` runs it (ADR 0008): tsx's loader would add ~100 MB to the RSS measured.
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
    // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node options of the API process alone (a profile),
    // after those a web instance runs with in production (its systemd unit's NODE_OPTIONS).
    const execArgv = [...productionNodeOptions(), ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    console.log(`Processus de l’API : node ${execArgv.join(' ')}`);
    const child = fork(new URL('../build/bench/api-process.js', import.meta.url), { env: process.env, execArgv });
    const pending = new Map<number, { resolve(m: unknown): void; reject(e: Error): void }>();
    let next = 0;
    let ready = false;
    const ask = <T>(request: ApiCommand) => new Promise<T>((res, rej) => {
      const id = ++next;
      pending.set(id, { resolve: res as (m: unknown) => void, reject: rej });
      child.send({ ...request, id });
    });
    child.on('message', (m: { id?: number; type?: string; port?: number; error?: string }) => {
      if (m.type === 'ready') {
        ready = true;
        return resolve({ child, port: m.port!, ask });
      }
      if (m.type === 'failed') return reject(new Error(`processus de l’API : ${m.error}`));
      const { id, ...answer } = m;
      const waiting = id === undefined ? undefined : pending.get(id);
      if (!waiting) return;
      pending.delete(id!);
      if (answer.error) waiting.reject(new Error(`processus de l’API : ${answer.error}`));
      else waiting.resolve(answer);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const err = new Error(`processus de l’API arrêté (code ${code}${signal ? `, ${signal}` : ''})`);
      if (!ready) reject(err);
      for (const w of pending.values()) w.reject(err);
      pending.clear();
    });
  });
}

export async function openBench(title: string): Promise<Bench> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL est requis : une base remplie par `npm run seed:large`.');
    process.exit(1);
  }
  const config = benchConfig(url);
  const pool = createPool(url);
  const db = createDb(pool);
  // As `npm start` does: a data set loaded before the latest migrations still matches the code. Run here
  // first, so that the fixtures can be read; the API process runs them too (nothing left to do by then).
  await runMigrations(db);
  const api = await startApi();
  const apiPid = api.child.pid!;
  const base = `http://127.0.0.1:${api.port}`;
  const memory = () => api.ask<ApiMemory>({ type: 'memory' });

  const sessionHashes: string[] = [];
  const rows: Row[] = [];

  const load = (variants: Variant[], seconds = SECONDS, connections = CONNECTIONS) => loadFrom(base, variants, seconds, connections);

  async function measure(label: string, variants: Variant[], connections = CONNECTIONS): Promise<Result> {
    const before = await snapshot(pool, apiPid);
    const r = await load(variants, SECONDS, connections);
    const s = spent(before, await snapshot(pool, apiPid));
    const n = Math.max(1, r.total);
    // "charge": the load generator's process plus the API process's other threads (GC, libuv).
    rows.push({ label, r, cpu: { nodeMs: s.nodeMs / n, pgMs: s.pgMs / n, clientMs: (s.clientMs + r.cpuMs) / n, walBytes: s.walBytes / n } });
    return r;
  }

  const busy = loadavg()[0]!;
  console.log(`${title}\nMachine : ${cpus().length} cœurs, Node ${process.version}, charge moyenne avant mesure ${busy.toFixed(1)}`
    + `${busy > 1 ? ' (ATTENTION : d’autres processus occupent la machine, les chiffres seront pessimistes)' : ''}.`);
  console.log(`Charge : ${CONNECTIONS} connexions (sauf mention), ${SECONDS} s par mesure, autocannon dans un processus à part.\n`);

  return {
    pool, db, config, base, rows, load, measure,
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
      await api.ask({ type: 'reference', body: (Buffer.isBuffer(body) ? body : Buffer.from(body)).toString('base64') });
      return measure('référence (Buffer en mémoire)', [{ path: '/bench/reference' }]);
    },
    peakMemory: async () => (await memory()).peak,
    memoryNow: async (gc = false) => (await api.ask<ApiMemory>({ type: 'memory', gc })).now,
    pageCache: () => api.ask<PageCacheStats>({ type: 'pageCache' }),
    async finish(floors, failed) {
      let code = 0;
      if (failed !== undefined) {
        console.error(failed instanceof Error ? failed.stack ?? failed.message : failed);
        code = 1;
      }
      if (sessionHashes.length > 0) await pool.query(`DELETE FROM sessions WHERE token_hash = ANY($1)`, [sessionHashes]);
      if (api.child.exitCode === null && api.child.signalCode === null) {
        const exited = new Promise<number | null>((r) => api.child.once('exit', (c) => r(c)));
        // The answer may arrive after the exit is seen: the exit code decides, the answer only says why.
        const closing = api.ask({ type: 'close' }).then(() => undefined, (err: unknown) => err);
        if (await exited !== 0) {
          const why = await Promise.race([closing, new Promise((r) => setTimeout(r, 100))]);
          console.error(why instanceof Error ? why.message : 'processus de l’API : arrêt en échec');
          code = 1;
        }
      }
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
  console.log(`\nCPU par requête (ms) et débit estimé si la machine (${cores} cœurs) n’était occupée que par cette mesure ;\nWAL : octets de journal PostgreSQL écrits par requête (une lecture devrait n’en écrire aucun) :`);
  console.log(`${'mesure'.padEnd(34)}${'Node'.padStart(8)}${'PG'.padStart(8)}${'charge'.padStart(8)}${'req/s*'.padStart(8)}${'/réf.*'.padStart(8)}${'WAL'.padStart(8)}`);
  for (const { label, cpu } of rows) {
    const est = idleEstimate(cpu, cores);
    console.log(`${label.padEnd(34)}${f(cpu.nodeMs, 2)}${f(cpu.pgMs, 2)}${f(cpu.clientMs, 2)}${f(est)}${f((100 * est) / refIdle)}%${f(cpu.walBytes)}`);
  }
  console.log('');
}

/** True when a measure ran without any non-2xx answer, error or timeout. */
export function clean(r: Result | undefined): boolean {
  return !!r && r.non2xx + r.errors + r.timeouts === 0;
}
