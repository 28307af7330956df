/**
 * Work done once after all lines are written, rather than per row while loading: counters, and old addresses
 * inside posts and comments rewritten to the new pages. Each statement changes only rows whose value differs, so
 * a re-import of the same bundle writes nothing here either.
 */
import type pg from 'pg';
import { excerpt, renderMarkdown } from '../lib/markdown.js';
import { oldPath } from './store.js';

/**
 * The search indexes of posts and comments are built without a pending list (migration 0023: every search would
 * scan it whole), so each row loaded costs a full GIN insertion. While an import loads, they get one, and it is
 * merged in once at the end (gin_clean_pending_list) before the indexes go back to how the migration made them.
 * A kill -9 in between leaves the pending list on: searches stay right, a little slower, until the next import
 * finishes. The ALTER waits at most a few seconds for a lock (a busy site): the import then simply goes without.
 */
const SEARCH_INDEXES = ['posts_search_period_idx', 'comments_search_period_idx'];

export async function deferSearchIndexes(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query("SET lock_timeout = '5s'");
    for (const index of SEARCH_INDEXES) await client.query(`ALTER INDEX IF EXISTS ${index} SET (fastupdate = on)`);
    await client.query("SET gin_pending_list_limit = '64MB'");
    return true;
  } catch {
    return false;
  } finally {
    await client.query('RESET lock_timeout').catch(() => {});
  }
}

export async function restoreSearchIndexes(client: pg.PoolClient): Promise<void> {
  await client.query('RESET gin_pending_list_limit');
  for (const index of SEARCH_INDEXES) {
    if ((await client.query('SELECT to_regclass($1) AS r', [index])).rows[0].r === null) continue;
    await client.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
    await client.query('SELECT gin_clean_pending_list($1::regclass)', [index]);
  }
}

export async function refreshCounters(client: pg.PoolClient, source: string): Promise<void> {
  // Tables just loaded in bulk have no statistics yet: the planner would take 200,000 posts for a few rows and
  // join them by nested loops over sequential scans (minutes instead of seconds).
  await client.query('ANALYZE exchange_mappings, communities, memberships, posts, comments, post_reactions, dossiers, dossier_items');
  await client.query(
    `UPDATE communities c SET member_count = x.members, post_count = x.posts
       FROM (SELECT m.local_id AS id,
                    (SELECT count(*) FROM memberships ms WHERE ms.community_id = m.local_id)::int AS members,
                    (SELECT count(*) FROM posts p WHERE p.community_id = m.local_id AND p.deleted_at IS NULL)::int AS posts
               FROM exchange_mappings m WHERE m.source = $1 AND m.kind = 'community') x
      WHERE c.id = x.id AND (c.member_count, c.post_count) IS DISTINCT FROM (x.members, x.posts)`, [source]);
  await client.query(
    `UPDATE posts p SET comment_count = x.comments, useful_count = x.useful
       FROM (SELECT m.local_id AS id,
                    (SELECT count(*) FROM comments k WHERE k.post_id = m.local_id AND k.deleted_at IS NULL)::int AS comments,
                    (SELECT count(*) FROM post_reactions r WHERE r.post_id = m.local_id)::int AS useful
               FROM exchange_mappings m WHERE m.source = $1 AND m.kind = 'post') x
      WHERE p.id = x.id AND (p.comment_count, p.useful_count) IS DISTINCT FROM (x.comments, x.useful)`, [source]);
  await client.query(
    `UPDATE dossiers d SET item_count = x.items
       FROM (SELECT m.local_id AS id, (SELECT count(*) FROM dossier_items i WHERE i.dossier_id = m.local_id)::int AS items
               FROM exchange_mappings m WHERE m.source = $1 AND m.kind = 'dossier') x
      WHERE d.id = x.id AND d.item_count IS DISTINCT FROM x.items`, [source]);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PAGE = 2000;

/**
 * Links to an old address (any origin a line of the bundle had its oldUrl on) inside Markdown. The set of origins
 * grows as the bundle is read: the pattern follows it.
 */
export class OldLinks {
  private pattern: RegExp | null = null;
  private size = 0;

  constructor(readonly origins: Set<string>, private readonly publicUrl: string) {}

  private regex(): RegExp | null {
    if (this.origins.size === 0) return null;
    if (this.size !== this.origins.size) {
      this.pattern = new RegExp(`(?:${[...this.origins].map(escapeRegExp).join('|')})(/[^\\s)\\]"'<>]*)`, 'g');
      this.size = this.origins.size;
    }
    return this.pattern;
  }

  mentions(md: string): boolean {
    for (const o of this.origins) if (md.includes(o)) return true;
    return false;
  }

  /** Adds to `into` the paths of the old addresses `md` links to. */
  paths(md: string, into: Set<string>): void {
    const pattern = this.regex();
    if (!pattern || !this.mentions(md)) return;
    // Punctuation ending a sentence is not part of the address.
    for (const m of md.matchAll(pattern)) into.add(oldPath(m[0].replace(/[.,;:!?]+$/, '')) ?? '');
  }

  /** New paths of old ones: listed in old_addresses, or in `own` (entities of the batch being written). */
  async targets(client: pg.PoolClient, paths: Set<string>, own?: Map<string, string>): Promise<Map<string, string>> {
    const target = new Map<string, string>();
    const asked: string[] = [];
    for (const p of paths) {
      const to = own?.get(p);
      if (to !== undefined) target.set(p, to);
      else asked.push(p);
    }
    if (asked.length > 0) {
      const { rows } = await client.query<{ old_path: string; new_path: string }>(
        'SELECT old_path, new_path FROM old_addresses WHERE old_path = ANY($1::text[])', [asked]);
      for (const r of rows) target.set(r.old_path, r.new_path);
    }
    return target;
  }

  rewrite(md: string, target: Map<string, string>): string {
    const pattern = this.regex();
    if (!pattern || !this.mentions(md)) return md;
    return md.replace(pattern, (match) => {
      const [, url, tail] = /^(.*?)([.,;:!?]*)$/s.exec(match)!;
      const to = target.get(oldPath(url!) ?? '');
      return to ? `${this.publicUrl}${to}${tail}` : match;
    });
  }
}

/**
 * Links to an old address left in imported posts and comments (those whose target came later in the bundle than
 * the content: the others were rewritten as it was written) become links to the new page. The Markdown changes and
 * its HTML is rendered again, as an edit here would. Only rows that still mention an old origin are read.
 */
export async function rewriteOldLinks(client: pg.PoolClient, source: string, origins: Set<string>, publicUrl: string): Promise<number> {
  if (origins.size === 0) return 0;
  const links = new OldLinks(origins, publicUrl);
  const like = [...origins].map((o) => `%${o.replace(/[\\%_]/g, '\\$&')}%`);
  let changed = 0;
  for (const [table, kind, hasExcerpt] of [['posts', 'post', true], ['comments', 'comment', false]] as const) {
    let after = 0;
    for (;;) {
      const { rows } = await client.query<{ id: number; body_md: string; mapped: number }>(
        `SELECT m.local_id AS mapped, t.id, t.body_md FROM exchange_mappings m LEFT JOIN ${table} t ON t.id = m.local_id AND t.body_md LIKE ANY($4::text[])
          WHERE m.source = $1 AND m.kind = $2 AND m.local_id > $3 ORDER BY m.local_id LIMIT ${PAGE * 10}`, [source, kind, after, like]);
      if (rows.length === 0) break;
      after = Number(rows.at(-1)!.mapped);
      const candidates = rows.filter((r) => r.id !== null);
      if (candidates.length === 0) continue;
      const paths = new Set<string>();
      for (const r of candidates) links.paths(r.body_md, paths);
      const target = await links.targets(client, paths);
      const updates = candidates.flatMap((r) => {
        const md = links.rewrite(r.body_md, target);
        return md === r.body_md ? [] : [{ id: r.id, body_md: md, body_html: renderMarkdown(md), excerpt: excerpt(md) }];
      });
      if (updates.length === 0) continue;
      await client.query(
        `UPDATE ${table} t SET body_md = x.body_md, body_html = x.body_html${hasExcerpt ? ', excerpt = x.excerpt' : ''}
           FROM json_to_recordset($1::json) AS x(id bigint, body_md text, body_html text, excerpt text) WHERE t.id = x.id`, [JSON.stringify(updates)]);
      changed += updates.length;
    }
  }
  return changed;
}
