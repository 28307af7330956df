import pg from 'pg';
import type { InjectOptions } from 'fastify';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, createPool } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { LargeDataSet } from '../../bench/large-rows.js';
import { finishLargeLoad, loadLargeRows } from '../../bench/large-load.js';
import { makeTestApp, type TestApp } from './helpers.js';
import { sessionFor } from './factories.js';

/**
 * Every statement of the pages a member opens most (the mixed workload of bench/mixed-plan.ts) is served by an
 * index: the statements the routes really send are recorded, then planned again with `EXPLAIN` on a database of
 * its own filled by the large data set's generator at 1/20 of its size (11,000 members, 10,000 posts, ~40,000
 * comments, analysed), where a sequential scan of a large table costs what it would cost on the real network. The
 * shared test database is too small for this: its planner rightly reads every table whole.
 */

/** Tables above this many rows must not be read whole by a hot statement. */
const LARGE_TABLE_ROWS = 2_000;

interface Recorded { text: string; values: unknown[] }

/** Records what this process sends to PostgreSQL (the test file runs in a process of its own). */
function recordQueries(): { take: () => Recorded[]; stop: () => void } {
  const original = pg.Client.prototype.query;
  let seen: Recorded[] = [];
  pg.Client.prototype.query = function recording(this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const text = typeof first === 'string' ? first : first?.text;
    // Drizzle sends `query({ text, rowMode }, values)`; hand-written calls `query(text, values)` or `query({ text, values })`.
    const values = (typeof first === 'object' ? first?.values : undefined) ?? (Array.isArray(second) ? second : []);
    if (text) seen.push({ text, values });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    take: () => { const out = seen; seen = []; return out; },
    stop: () => { pg.Client.prototype.query = original; },
  };
}

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }

/** Whether a plan reads `relation` at all. */
function readsTable(node: PlanNode, relation: string): boolean {
  return node['Relation Name'] === relation || (node.Plans ?? []).some((child) => readsTable(child, relation));
}

function seqScans(node: PlanNode, large: Set<string>): string[] {
  const here = node['Node Type'] === 'Seq Scan' && node['Relation Name'] && large.has(node['Relation Name'])
    ? [node['Relation Name']] : [];
  return [...here, ...(node.Plans ?? []).flatMap((child) => seqScans(child, large))];
}

async function planDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = new URL(inject('databaseUrl'));
  const name = `ecom_plans_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 2);
  await runMigrations(createDb(pool));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Every member shares one password hash: hashing 11,000 would only slow the test.
    const data = new LargeDataSet({ users: 11_000, communities: 40, posts: 10_000, commentsPerPost: 3.95 }, 'x');
    await loadLargeRows(client, data, { freeze: false, progress: false, log: () => {} });
    await finishLargeLoad(client);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE');
  } finally {
    client.release();
    await pool.end();
  }
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

describe('hot paths are served by indexes', async () => {
  const database = await planDatabase();
  const t: TestApp = await makeTestApp({ databaseUrl: database.url });
  const { app } = t;
  afterAll(async () => { await t.close(); await database.drop(); });
  const large = new Set((await app.pool.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples > $1`,
    [LARGE_TABLE_ROWS])).rows.map((r) => r.relname));
  const { rows: [pick] } = await app.pool.query<{ slug: string; post_id: number; user_id: number; staff_id: number }>(`
    SELECT c.slug, p.id AS post_id, m.user_id,
           (SELECT s.user_id FROM memberships s WHERE s.community_id = c.id AND s.role = 'animator' LIMIT 1) AS staff_id
      FROM communities c
      JOIN LATERAL (SELECT id FROM posts WHERE community_id = c.id AND deleted_at IS NULL ORDER BY comment_count DESC LIMIT 1) p ON true
      JOIN LATERAL (SELECT user_id FROM memberships WHERE community_id = c.id AND role = 'member' LIMIT 1) m ON true
     WHERE c.status = 'open' ORDER BY c.post_count DESC LIMIT 1`);
  const member = await sessionFor(app, pick!.user_id);
  const animator = pick!.staff_id ? await sessionFor(app, pick!.staff_id) : member;
  const recorder = recordQueries();
  afterAll(recorder.stop);

  /** Statements of one request, planned again; the sessions' own bookkeeping is left out. */
  async function plansOf(request: InjectOptions): Promise<{ sql: string; scans: string[]; plan: PlanNode }[]> {
    recorder.take();
    const res = await app.inject(request);
    expect(res.statusCode, res.body).toBeLessThan(300);
    const sent = recorder.take().filter((q) => /^\s*(select|with|update|delete|insert)\b/i.test(q.text));
    expect(sent.length).toBeGreaterThan(0);
    const out: { sql: string; scans: string[]; plan: PlanNode }[] = [];
    for (const q of sent) {
      const { rows } = await app.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${q.text}`, q.values);
      const plan = rows[0]!['QUERY PLAN'][0].Plan;
      out.push({ sql: q.text.replace(/\s+/g, ' ').slice(0, 300), scans: seqScans(plan, large), plan });
    }
    recorder.take();
    return out;
  }

  const month = new Date().toISOString().slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}`;
  const reads: [string, InjectOptions][] = [
    ['community feed, anonymous', { url: `/api/communities/${pick!.slug}/posts` }],
    ['community feed, member', { url: `/api/communities/${pick!.slug}/posts`, headers: member }],
    ['my feed', { url: '/api/feed', headers: member }],
    ['post page', { url: `/api/posts/${pick!.post_id}`, headers: member }],
    ['comments', { url: `/api/posts/${pick!.post_id}/comments?limit=50`, headers: member }],
    ['search', { url: `/api/search?q=${encodeURIComponent('budget participatif')}`, headers: member }],
    ['agenda month', { url: `/api/communities/${pick!.slug}/events/month?from=${month}-01&to=${next}-01`, headers: member }],
    ['unread notifications', { url: '/api/notifications/unread-count', headers: member }],
    ['questions to handle', { url: `/api/communities/${pick!.slug}/questions/pending`, headers: animator }],
  ];
  it.each(reads)('%s', async (_name, request) => {
    const plans = await plansOf(request);
    expect(plans.filter((p) => p.scans.length > 0).map(({ sql, scans }) => ({ sql, scans }))).toEqual([]);
  });

  it('counts the questions to handle off their index alone, not a post read per open question', async () => {
    const plans = await plansOf({ url: `/api/communities/${pick!.slug}/questions/pending`, headers: animator });
    const counts = plans.filter((p) => /count\(\*\)/i.test(p.sql));
    expect(counts).toHaveLength(1);
    // A community's backlog grows with the network: its count must not read a post per question.
    expect(readsTable(counts[0]!.plan, 'posts')).toBe(false);
  });

  it('writes: a comment and « utile »', async () => {
    const plans = [
      ...await plansOf({ method: 'POST', url: `/api/posts/${pick!.post_id}/comments`, headers: member,
        payload: { body: 'Chez nous, un comité de suivi trimestriel a bien fonctionné.' } }),
      ...await plansOf({ method: 'PUT', url: `/api/posts/${pick!.post_id}/useful`, headers: member }),
    ];
    expect(plans.filter((p) => p.scans.length > 0).map(({ sql, scans }) => ({ sql, scans }))).toEqual([]);
  });
});
