import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU time actually spent, read from /proc (Linux), so that figures stay comparable when other
 * processes share the machine: wall-clock throughput drops under contention, CPU per request does not.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // process gone or not Linux
  }
}

export interface CpuSnapshot { node: number; processMs: number; pg: Map<number, number>; walBytes: number }

/**
 * The API process `apiPid` (its event-loop thread, and the whole process) and the PostgreSQL backends serving
 * this database for the app.
 */
export async function snapshot(pool: pg.Pool, apiPid: number): Promise<CpuSnapshot> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'e-communautes'`);
  const pgTicks = new Map<number, number>();
  for (const { pid } of rows) pgTicks.set(pid, ticks(`/proc/${pid}/stat`));
  // WAL written by the whole server: a read route that writes some (a row lock takes a transaction id and a WAL
  // flush at commit) shows up here. The bench's own statements write none.
  const wal = await pool.query<{ b: string }>(`SELECT wal_bytes::text AS b FROM pg_stat_wal`);
  // The main thread's task has the process's id; /proc/<pid>/stat sums all of the process's threads.
  return { node: ticks(`/proc/${apiPid}/task/${apiPid}/stat`), processMs: ticks(`/proc/${apiPid}/stat`) * TICK_MS, pg: pgTicks,
    walBytes: Number(wal.rows[0]!.b) };
}

export interface Spent { nodeMs: number; pgMs: number; clientMs: number; walBytes: number }

/**
 * CPU milliseconds spent between two snapshots: the API's event loop, PostgreSQL, and the rest of the API
 * process (GC and libuv threads; the load generator and the bench itself run in other processes, see harness.ts).
 */
export function spent(before: CpuSnapshot, after: CpuSnapshot): Spent {
  let pgTicks = 0;
  for (const [pid, t] of after.pg) pgTicks += t - (before.pg.get(pid) ?? 0);
  const nodeMs = (after.node - before.node) * TICK_MS;
  return { nodeMs, pgMs: pgTicks * TICK_MS, clientMs: Math.max(0, after.processMs - before.processMs - nodeMs),
    walBytes: after.walBytes - before.walBytes };
}

/**
 * Throughput this work would reach with the 2 cores to itself: the event loop is one thread,
 * and everything together shares the cores. An estimate, printed as such.
 */
export function idleEstimate(perRequest: Spent, cores: number): number {
  const total = perRequest.nodeMs + perRequest.pgMs + perRequest.clientMs;
  return 1000 / Math.max(perRequest.nodeMs, total / cores);
}
