import type { App } from '../../src/types.js';
import { createUser, sessionFor } from '../factories.js';
import { generate, type FuzzRequest } from './fuzz-requests.js';
import { operationsOf, type Operation } from './operations.js';
import { Rng } from './values.js';
import { buildWorld, headersOf, stock, type Role, type World } from './world.js';

/**
 * The API fuzzer: every OpenAPI operation, in turn, with valid and hostile input, as each role.
 * A 5xx (or a request that never answers) is a failure; everything else is the API doing its job.
 */

export interface FuzzOptions {
  requests: number;
  seed: number;
  concurrency?: number;
  /** A fresh world every N requests: the fuzzer deletes, bans and demotes as it goes. */
  refreshEvery?: number;
  /** The test database is shared with other test files: never send spellings that coerce to small ids. */
  sharedDb?: boolean;
  onProgress?: (done: number, total: number, failures: number) => void;
}

export interface FuzzFailure { index: number; status: number | 'timeout' | 'error'; request: FuzzRequest; body: string }

export interface FuzzReport {
  seed: number;
  requests: number;
  operations: number;
  byStatus: Record<string, number>;
  failures: FuzzFailure[];
  /** Operations that answered at least one 2xx: how deep the valid requests reach. */
  reached: Set<string>;
  durationMs: number;
}

/** Operations that end the session they run in: sent as a throwaway person so the actors stay signed in. */
const SELF_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/auth/register', 'DELETE /api/me', 'POST /api/me/password']);
const TIMEOUT_MS = 15_000;

async function send(app: App, r: FuzzRequest): Promise<{ status: number; body: string }> {
  // The live stream never ends by design (HEAD reaches the same handler): read its head, then hang up.
  const stream = r.url.startsWith('/api/notifications/stream') && (r.method === 'GET' || r.method === 'HEAD');
  const res = await app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, payload: r.payload, payloadAsStream: stream });
  if (stream) {
    res.stream().destroy();
    return { status: res.statusCode, body: '' };
  }
  return { status: res.statusCode, body: res.body.slice(0, 500) };
}

async function withTimeout<T>(p: Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS); });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

async function freshWorld(app: App): Promise<World> {
  const world = await buildWorld(app);
  await stock(world, 1);
  return world;
}

/** The operations in an order drawn from the seed; request i goes to operation i mod n, so all are covered. */
function ordered(app: App, rng: Rng): Operation[] {
  const ops = operationsOf(app);
  for (let i = ops.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [ops[i], ops[j]] = [ops[j]!, ops[i]!];
  }
  return ops;
}

export async function fuzz(app: App, opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const ops = ordered(app, new Rng(opts.seed));
  const report: FuzzReport = { seed: opts.seed, requests: 0, operations: ops.length, byStatus: {}, failures: [], reached: new Set(), durationMs: 0 };
  const refreshEvery = opts.refreshEvery ?? 1500;
  let world = await freshWorld(app);
  let next = 0;

  const headersFor = async (role: Role, op: string): Promise<Record<string, string>> => {
    if (role === 'anonymous' || !SELF_ENDING.has(op)) return headersOf(world, role);
    const { user } = await createUser(app, { nationalRole: role === 'national' ? 'admin' : null });
    return { ...(await sessionFor(app, user.id)) };
  };

  const one = async (index: number) => {
    const op = ops[index % ops.length]!;
    const rng = new Rng((Math.imul(opts.seed, 0x9e3779b1) + index) >>> 0);
    const draft = generate(op, world, rng, (role) => headersOf(world, role), !!opts.sharedDb);
    const request = { ...draft, headers: { ...(await headersFor(draft.role, op.key)), ...pickMutated(draft) } };
    let outcome: { status: number; body: string } | 'timeout' | Error;
    try {
      outcome = await withTimeout(send(app, request));
    } catch (err) {
      outcome = err as Error;
    }
    const status = outcome instanceof Error ? 'error' : outcome === 'timeout' ? 'timeout' : outcome.status;
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    report.requests += 1;
    if (typeof status === 'number' && status >= 200 && status < 300) report.reached.add(op.key);
    if (typeof status === 'number' && status < 500) return;
    report.failures.push({ index, status, request, body: outcome instanceof Error ? String(outcome.stack) : outcome === 'timeout' ? '' : outcome.body });
  };

  const concurrency = opts.concurrency ?? 4;
  while (next < opts.requests) {
    const batchEnd = Math.min(opts.requests, next + refreshEvery);
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < batchEnd) {
        const index = next;
        next += 1;
        await one(index);
        if (report.requests % 100 === 0) opts.onProgress?.(report.requests, opts.requests, report.failures.length);
      }
    });
    await Promise.all(workers);
    if (next < opts.requests) world = await freshWorld(app);
  }
  report.durationMs = Date.now() - started;
  return report;
}

/** The header changes a mutation made on top of the role's headers (a broken CSRF token, a bad cookie...). */
function pickMutated(r: FuzzRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['content-type', 'origin']) if (r.headers[key] !== undefined) out[key] = r.headers[key]!;
  if (r.mutation === 'csrf' && r.headers['x-csrf-token'] !== undefined) out['x-csrf-token'] = r.headers['x-csrf-token']!;
  if (r.mutation === 'cookie' && r.headers.cookie !== undefined) out.cookie = r.headers.cookie;
  return out;
}

/** A failure as one line a developer can replay. */
export function describeFailure(f: FuzzFailure): string {
  const { request: r } = f;
  const headers = Object.entries(r.headers).filter(([k]) => k !== 'cookie' && k !== 'x-csrf-token').map(([k, v]) => `${k}: ${JSON.stringify(v).slice(0, 80)}`);
  return `#${f.index} ${f.status} ${r.role} ${r.method} ${r.url.slice(0, 200)} [${r.mutation}] ${headers.join(', ')} `
    + `body=${JSON.stringify(r.payload ?? '').slice(0, 200)} → ${f.body.slice(0, 200)}`;
}
