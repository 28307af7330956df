/**
 * The importer's shared SQL: mapping rows (source id → local id), ids taken ahead from an identity sequence so
 * one multi-row INSERT … SELECT FROM json_to_recordset writes a whole batch and its mappings in the same
 * transaction, and old addresses.
 */
import type pg from 'pg';
import { copyObjects } from '../db/copy.js';
import { excerpt, renderMarkdown } from '../lib/markdown.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import type { Kind } from './format.js';

export interface Pending<T> {
  value: T;
  hash: string;
  /** Line number in its file, for the report. */
  n: number;
  /** Its content rendered on the render threads as soon as its batch was read (import.ts), before old links are rewritten. */
  rendered?: Rendered;
}

export interface Rendered { md: string; html: string; excerpt: string }

export interface Outcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Changed at the source but kept as it is here (edited here since, or a kind imported once). */
  kept: number;
}

export interface Ctx {
  client: pg.PoolClient;
  source: string;
  publicUrl: string;
  dir: string;
  uploadTmp: string;
  storage: import('../lib/storage/index.js').Storage;
  problem: (n: number, reason: string) => void;
  /** Comments and « utile » marks per source post id, counted before the posts are written (import.ts). */
  childCounts?: ChildCounts;
  /**
   * Local ids of the entities this pass has met (written, or found already mapped), by kind: references are
   * resolved here rather than by a query per batch. Filled only once a row is known to exist.
   */
  ids?: Map<Kind, Map<string, number>>;
  /** Links to old addresses, rewritten as content is written when their target is already known (finish.ts). */
  links?: import('./finish.js').OldLinks;
  /** Renders bodies off this thread (render-pool.ts). */
  render: (bodies: Body[], withExcerpt: boolean) => Promise<Rendered[]>;
}

export interface ChildCounts { comments: Map<string, number>; useful: Map<string, number> }

export interface Mapping {
  local_id: number;
  source_hash: string;
  updated_at: Date;
}

export const emptyOutcome = (): Outcome => ({ inserted: 0, updated: 0, unchanged: 0, kept: 0 });

export async function mappings(ctx: Ctx, kind: Kind, ids: string[]): Promise<Map<string, Mapping>> {
  const { rows } = await ctx.client.query<Mapping & { source_id: string }>(
    'SELECT source_id, local_id, source_hash, updated_at FROM exchange_mappings WHERE source = $1 AND kind = $2 AND source_id = ANY($3::text[])',
    [ctx.source, kind, ids]);
  return new Map(rows.map((r) => [r.source_id, r]));
}

/**
 * Kinds other kinds' lines refer to: their local ids are kept in memory during a pass (Ctx.ids). Comments (replies)
 * are not: they would be the largest map, for a quarter of lines at most, resolved by query instead.
 */
const REFERENCED = new Set<Kind>(['member', 'community', 'post']);

function remember(ctx: Ctx, kind: Kind, sourceId: string, localId: number): void {
  if (!ctx.ids || !REFERENCED.has(kind)) return;
  let known = ctx.ids.get(kind);
  if (!known) ctx.ids.set(kind, (known = new Map()));
  known.set(sourceId, localId);
}

/** Local ids of referenced entities: from memory, the others in one query for the whole batch. */
export async function resolve(ctx: Ctx, kind: Kind, ids: (string | undefined)[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const known = ctx.ids?.get(kind);
  const missing = new Set<string>();
  for (const id of ids) {
    if (id === undefined || result.has(id)) continue;
    const local = known?.get(id);
    if (local !== undefined) result.set(id, local);
    else missing.add(id);
  }
  if (missing.size === 0) return result;
  const found = await mappings(ctx, kind, [...missing]);
  for (const [id, m] of found) {
    const local = Number(m.local_id);
    result.set(id, local);
    remember(ctx, kind, id, local);
  }
  return result;
}

/**
 * Splits a batch into new lines, lines changed at the source and lines already imported as they are. The hashes
 * are compared in the database: only new and changed lines come back, so a batch re-imported as it was costs one
 * index probe per line and returns nothing.
 */
export async function split<T>(ctx: Ctx, kind: Kind, batch: Pending<T>[], idOf: (v: T) => string) {
  const { rows } = await ctx.client.query<{ source_id: string; local_id: number | null }>(
    `SELECT x.source_id, m.local_id FROM unnest($3::text[], $4::text[]) AS x(source_id, hash)
       LEFT JOIN exchange_mappings m ON m.source = $1 AND m.kind = $2 AND m.source_id = x.source_id
      WHERE m.source_hash IS DISTINCT FROM x.hash`,
    [ctx.source, kind, batch.map((p) => idOf(p.value)), batch.map((p) => p.hash)]);
  const differing = new Map(rows.map((r) => [r.source_id, r.local_id === null ? null : Number(r.local_id)]));
  const fresh: Pending<T>[] = [];
  const changed: (Pending<T> & { localId: number })[] = [];
  let unchanged = 0;
  for (const p of batch) {
    const id = idOf(p.value);
    if (!differing.has(id)) unchanged += 1;
    else {
      const localId = differing.get(id);
      if (localId == null) fresh.push(p);
      else {
        remember(ctx, kind, id, localId);
        changed.push({ ...p, localId });
      }
    }
  }
  return { fresh, changed, unchanged };
}

export async function allocate(ctx: Ctx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await ctx.client.query<{ ids: string[] }>(
    'SELECT array_agg(nextval(pg_get_serial_sequence($1, \'id\'))) AS ids FROM generate_series(1, $2)', [table, n]);
  return rows[0]!.ids.map(Number);
}

export interface MappingRow { sourceId: string; localId: number; hash: string; oldUrl?: string | undefined }

/**
 * Mapping rows of entities this batch created: none can exist yet (split() found none, and the import holds its
 * source's lock), so they are copied rather than upserted.
 */
export async function saveNewMappings(ctx: Ctx, kind: Kind, rows: MappingRow[]): Promise<void> {
  for (const r of rows) remember(ctx, kind, r.sourceId, r.localId);
  await copyObjects(ctx.client, 'exchange_mappings', ['source', 'kind', 'source_id', 'local_id', 'source_hash', 'old_url'],
    rows.map((r) => ({ source: ctx.source, kind, source_id: r.sourceId, local_id: r.localId, source_hash: r.hash, old_url: r.oldUrl })));
}

export async function saveMappings(ctx: Ctx, kind: Kind, rows: MappingRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (const r of rows) remember(ctx, kind, r.sourceId, r.localId);
  await ctx.client.query(
    `INSERT INTO exchange_mappings (source, kind, source_id, local_id, source_hash, old_url, updated_at)
     SELECT $1, $2, x.source_id, x.local_id, x.hash, x.old_url, now()
       FROM json_to_recordset($3::json) AS x(source_id text, local_id bigint, hash text, old_url text)
     ON CONFLICT (source, kind, source_id) DO UPDATE
       SET local_id = EXCLUDED.local_id, source_hash = EXCLUDED.source_hash, old_url = EXCLUDED.old_url, updated_at = now()`,
    [ctx.source, kind, JSON.stringify(rows.map((r) => ({ source_id: r.sourceId, local_id: r.localId, hash: r.hash, old_url: r.oldUrl ?? null })))]);
}

/**
 * The path (and query) of an old address: what a browser asks this server for once the domain points here. A
 * fragment is kept: browsers never send it, so such an address only serves to rewrite links inside content.
 */
export function oldPath(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return null;
  }
}

export async function saveOldAddresses(ctx: Ctx, rows: { oldUrl: string | undefined; newPath: string }[]): Promise<void> {
  const list = rows.flatMap((r) => {
    const path = r.oldUrl ? oldPath(r.oldUrl) : null;
    // An address that stays the same needs no redirect (it would loop).
    return path && path !== r.newPath ? [{ old_path: path, new_path: r.newPath }] : [];
  });
  if (list.length === 0) return;
  await ctx.client.query(
    `INSERT INTO old_addresses (old_path, new_path)
     SELECT DISTINCT ON (old_path) old_path, new_path FROM json_to_recordset($1::json) AS x(old_path text, new_path text)
     ON CONFLICT (old_path) DO UPDATE SET new_path = EXCLUDED.new_path WHERE old_addresses.new_path <> EXCLUDED.new_path`,
    [JSON.stringify(list)]);
}

export type Body = { format: 'markdown' | 'html'; content: string };

/** Content of the old platform as stored here: Markdown, and its HTML through the same allow-list as any post. */
export function content(body: Body, md = toMarkdown(body), withExcerpt = true): Rendered {
  return { md, html: renderMarkdown(md), excerpt: withExcerpt ? excerpt(md) : '' };
}

/**
 * The stored content of a batch's items: what was rendered ahead (import.ts) when its Markdown is still the same,
 * the rest (not rendered ahead, or an old link rewritten since) rendered now, off this thread.
 */
export async function renderAll<T>(ctx: Ctx, items: T[], md: Map<T, string>, ahead: Map<T, Rendered | undefined>,
  withExcerpt: boolean): Promise<Map<T, Rendered>> {
  const out = new Map<T, Rendered>();
  const todo: T[] = [];
  for (const item of items) {
    const early = ahead.get(item);
    if (early && early.md === md.get(item)) out.set(item, early);
    else todo.push(item);
  }
  const bodies = todo.map((item) => ({ format: 'markdown' as const, content: md.get(item)! }));
  const done = await ctx.render(bodies, withExcerpt);
  todo.forEach((item, i) => out.set(item, done[i]!));
  return out;
}

export function toMarkdown(body: Body): string {
  return body.format === 'html' ? htmlToMarkdown(body.content) : body.content;
}

/**
 * The Markdown of a batch's bodies with links to old addresses already known (imported earlier, or `own`: this
 * batch's entities, whose ids are taken ahead) rewritten; links to entities further down the bundle are left to
 * the final pass (finish.ts).
 */
export async function markdownOf<T>(ctx: Ctx, items: T[], bodyOf: (item: T) => Body, own: Map<string, string>,
  ahead?: Map<T, Rendered | undefined>): Promise<Map<T, string>> {
  const mds = new Map(items.map((item) => [item, ahead?.get(item)?.md ?? toMarkdown(bodyOf(item))]));
  if (!ctx.links) return mds;
  const paths = new Set<string>();
  for (const md of mds.values()) ctx.links.paths(md, paths);
  if (paths.size === 0) return mds;
  const target = await ctx.links.targets(ctx.client, paths, own);
  if (target.size === 0) return mds;
  for (const [item, md] of mds) mds.set(item, ctx.links.rewrite(md, target));
  return mds;
}

/** Old path → new path of the batch's own fresh entities. */
export function ownPaths(rows: { oldUrl: string | undefined; newPath: string }[]): Map<string, string> {
  const own = new Map<string, string>();
  for (const r of rows) {
    const path = r.oldUrl ? oldPath(r.oldUrl) : null;
    if (path) own.set(path, r.newPath);
  }
  return own;
}

/** A source instant at most now: a clock ahead at the source must not look like an edit made here later. */
export function atMostNow(value: string | undefined): string | null {
  if (value === undefined) return null;
  return Date.parse(value) > Date.now() ? new Date().toISOString() : value;
}
