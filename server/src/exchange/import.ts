/**
 * `npm run import -- <bundle> [--dry-run] [--strict]`: one streaming pass over the bundle, file by file in the
 * order of format.ts. Each line is validated (JSON, JSON Schema, then checker.ts); accepted lines are written in
 * batches, each batch in one transaction with its mapping rows, so a killed import resumes at the first batch it
 * had not committed and a finished one re-reads as unchanged.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type pg from 'pg';
import { Compile } from 'typebox/compile';
import type { Storage } from '../lib/storage/index.js';
import { openBundle, readLines, type OpenBundle } from './bundle.js';
import { Checker } from './checker.js';
import { KINDS, type CommunityLine, type Kind } from './format.js';
import { deferSearchIndexes, OldLinks, refreshCounters, restoreSearchIndexes, rewriteOldLinks } from './finish.js';
import { kindProgress } from './progress.js';
import { defaultRenderThreads, RenderPool } from './render-pool.js';
import { emptyOutcome, type Body, type ChildCounts, type Ctx, type Outcome, type Pending } from './store.js';
import { schemaProblem } from './schema-errors.js';
import { writeCommunities, writeMembers, writeMemberships } from './write-people.js';
import { writePosts } from './write-posts.js';
import { writeAttachments, writeComments, writeDossiers, writeReactions } from './write-comments.js';

export interface Problem { file: string; line: number; reason: string }
export interface KindReport extends Outcome { read: number; rejected: number }
export interface ImportReport {
  source: string;
  dryRun: boolean;
  /** --strict and the bundle had problems: nothing was written. */
  stopped: boolean;
  kinds: Record<Kind, KindReport>;
  problems: Problem[];
  linksRewritten: number;
}

export interface ImportOptions {
  pool: pg.Pool;
  bundle: string;
  dryRun?: boolean;
  strict?: boolean;
  publicUrl: string;
  storage: Storage;
  uploadTmp: string;
  log?: (msg: string) => void;
  batchSize?: number;
  interactive?: boolean;
}

const WRITERS: Record<Kind, (ctx: Ctx, batch: Pending<any>[]) => Promise<Outcome>> = {
  member: writeMembers, community: writeCommunities, membership: writeMemberships, post: writePosts,
  comment: writeComments, reaction: writeReactions, dossier: writeDossiers, attachment: writeAttachments,
};
const VALIDATORS = new Map(KINDS.map((k) => [k.kind, Compile(k.schema)]));

export async function importBundle(options: ImportOptions): Promise<ImportReport> {
  const bundle = await openBundle(options.bundle);
  try {
    if (options.strict && !options.dryRun) {
      const check = await pass(bundle, { ...options, dryRun: true });
      if (check.problems.length > 0) return { ...check, dryRun: false, stopped: true };
    }
    return await pass(bundle, options);
  } finally {
    bundle.close();
  }
}

/** Related communities are checked once every community of the file is known: an unknown one is reported, its link ignored. */
function reportUnknownRelated(checker: Checker, lines: Pending<CommunityLine>[], file: string, report: ImportReport): void {
  for (const p of lines) {
    const unknown = checker.unknownRelated(p.value);
    if (unknown.length > 0) report.problems.push({ file, line: p.n, reason: `communauté liée inconnue : ${unknown.join(', ')} (lien ignoré)` });
  }
}

async function pass(bundle: OpenBundle, options: ImportOptions): Promise<ImportReport> {
  const log = options.log ?? (() => {});
  const source = bundle.manifest.source;
  const report: ImportReport = {
    source, dryRun: options.dryRun === true, stopped: false, problems: [], linksRewritten: 0,
    kinds: Object.fromEntries(KINDS.map((k) => [k.kind, { ...emptyOutcome(), read: 0, rejected: 0 }])) as Record<Kind, KindReport>,
  };
  const checker = new Checker(bundle.dir);
  const origins = new Set<string>();
  const links = new OldLinks(origins, options.publicUrl);
  const ids = new Map<Kind, Map<string, number>>();
  const client = options.dryRun ? null : await options.pool.connect();
  const renderer = client ? new RenderPool(defaultRenderThreads()) : null;
  let deferred = false;
  try {
    // Two imports of one source at once would both take the same lines for new ones.
    if (client) await client.query('SELECT pg_advisory_lock(hashtext($1))', [`exchange-import:${source}`]);
    deferred = client ? await deferSearchIndexes(client) : false;
    const childCounts = client ? await countChildren(bundle.dir) : undefined;
    for (const { kind, file, label } of KINDS) {
      const stats = report.kinds[kind];
      const problem = (line: number, reason: string) => {
        report.problems.push({ file, line, reason });
        stats.rejected += 1;
      };
      const ctx: Ctx | null = client && {
        client, source, publicUrl: options.publicUrl, dir: bundle.dir, uploadTmp: options.uploadTmp, storage: options.storage, problem, childCounts,
        ids, links, render: (bodies, withExcerpt) => renderer!.render(bodies, withExcerpt),
      };
      const bar = kindProgress(label, bundle.manifest.counts[kind] ?? 0, log, options.interactive);
      let batch: Pending<any>[] = [];
      // Content (the costliest part of a line) is rendered on the render threads as soon as its batch is read, as
      // long as batches have new or changed lines: a re-import of lines already there renders nothing.
      let renderAhead = kind === 'post' || kind === 'comment';
      // Three stages at once: this thread reads and validates a batch while the previous one is rendered on the
      // render threads and the one before is written by the database. Batches still commit one after the other,
      // in file order.
      let writing: Promise<void> = Promise.resolve();
      const flush = async () => {
        if (!ctx || batch.length === 0) return;
        const current = batch;
        batch = [];
        const bodies = renderAhead ? current.map((p) => (p.value as { body: Body }).body) : null;
        const rendering = bodies && renderer!.render(bodies, kind === 'post');
        rendering?.catch(() => {});
        await writing;
        writing = (async () => {
          if (rendering) (await rendering).forEach((r, i) => { current[i]!.rendered = r; });
          const outcome = await transaction(ctx.client, () => WRITERS[kind](ctx, current));
          for (const key of ['inserted', 'updated', 'unchanged', 'kept'] as const) stats[key] += outcome[key];
          if (outcome.unchanged === current.length) renderAhead = false;
          else if (kind === 'post' || kind === 'comment') renderAhead = true;
          bar.tick(current.length);
        })();
        // Awaited by the next flush or at the end of the file; until then its failure must not count as unhandled.
        writing.catch(() => {});
      };
      const take = async ({ n, text, value, reason }: Examined) => {
        if (reason) {
          problem(n, reason);
          return;
        }
        const oldUrl = (value as { oldUrl?: string }).oldUrl;
        if (oldUrl) origins.add(new URL(oldUrl).origin);
        if (!ctx) {
          bar.tick(1);
          return;
        }
        batch.push({ value, hash: createHash('sha256').update(text).digest('hex'), n });
        // Communities are few and may name related ones further down: written together.
        if (batch.length >= (options.batchSize ?? 2000) && kind !== 'community') await flush();
      };
      // Attachment lines are checked several at a time (each reads and hashes its file); lines are still taken in
      // file order, so the report and the batches are the same as one at a time.
      const depth = kind === 'attachment' ? ATTACHMENT_CHECKS : 1;
      const examining: Promise<Examined>[] = [];
      for await (const { n, text } of readLines(join(bundle.dir, file))) {
        stats.read += 1;
        examining.push(examine(checker, kind, n, text));
        if (examining.length >= depth) await take(await examining.shift()!);
      }
      while (examining.length > 0) await take(await examining.shift()!);
      if (kind === 'community') reportUnknownRelated(checker, batch as Pending<CommunityLine>[], file, report);
      await flush();
      await writing;
      bar.stop(summary(stats, report.dryRun));
    }
    if (client) {
      if (deferred) {
        deferred = false;
        await restoreSearchIndexes(client);
      }
      report.linksRewritten = await transaction(client, async () => {
        await refreshCounters(client, source);
        return rewriteOldLinks(client, source, origins, options.publicUrl);
      });
    }
  } finally {
    await renderer?.close();
    if (client) {
      if (deferred) await restoreSearchIndexes(client).catch(() => {});
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`exchange-import:${source}`]).catch(() => {});
      client.release();
    }
  }
  return report;
}

/** Attachment files read and hashed at once: enough to keep the disk and a core busy between two awaits. */
const ATTACHMENT_CHECKS = 8;

type Examined = { n: number; text: string; value?: unknown; reason?: string };

/** A line parsed, validated against its schema and checked (references, files); `reason` when refused. */
async function examine(checker: Checker, kind: Kind, n: number, text: string): Promise<Examined> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { n, text, reason: 'JSON mal formé' };
  }
  const reason = schemaProblem(VALIDATORS.get(kind)!, value) ?? await checker.check(kind, value);
  return reason ? { n, text, reason } : { n, text, value };
}

async function transaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

function summary(s: KindReport, dryRun: boolean): string {
  const n = (v: number) => v.toLocaleString('fr-FR');
  if (dryRun) return `${n(s.read)} lues, ${n(s.read - s.rejected)} valides, ${n(s.rejected)} refusées`;
  return `${n(s.read)} lues, ${n(s.inserted)} ajoutées, ${n(s.updated)} mises à jour, ${n(s.unchanged)} inchangées, `
    + `${n(s.kept)} conservées telles quelles ici, ${n(s.rejected)} refusées`;
}

/**
 * Comments and « utile » marks per post, read ahead so posts are written with their counters: updating 200,000
 * freshly loaded posts afterwards rewrites each row and all its indexes (full pages leave no room for HOT updates).
 * Lines that turn out invalid are corrected by the final refresh, which only touches rows whose count differs.
 */
async function countChildren(dir: string): Promise<ChildCounts> {
  const counts: ChildCounts = { comments: new Map(), useful: new Map() };
  for (const [file, map, live] of [['comments.jsonl', counts.comments, true], ['reactions.jsonl', counts.useful, false]] as const) {
    for await (const { text } of readLines(join(dir, file))) {
      try {
        const line = JSON.parse(text) as { post?: unknown; deletedAt?: unknown };
        if (typeof line.post === 'string' && !(live && line.deletedAt)) map.set(line.post, (map.get(line.post) ?? 0) + 1);
      } catch {
        // Reported when the file itself is read.
      }
    }
  }
  return counts;
}
