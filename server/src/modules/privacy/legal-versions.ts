import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { encodeKeyset, isoText, toIso, type PgKeyset } from '../../lib/cursor.js';
import { renderMarkdown } from '../../lib/markdown.js';

/**
 * Every version of a legal page: legal_page_versions keeps the replaced ones, legal_pages the one in force.
 * Both are read by primary key (slug, version), newest first.
 */
const ALL_VERSIONS = (slug: string) => sql`(
  SELECT version, title, body_md, body_html, ${isoText('updated_at')} AS published_at, true AS current
    FROM legal_pages WHERE slug = ${slug}
  UNION ALL
  SELECT version, title, body_md, NULL, ${isoText('created_at')}, false
    FROM legal_page_versions WHERE slug = ${slug}
) v`;

async function assertPage(db: DbOrTx, slug: string): Promise<void> {
  const { rows } = await db.execute(sql`SELECT 1 FROM legal_pages WHERE slug = ${slug}`);
  if (rows.length === 0) throw new AppError('PAGE_NOT_FOUND');
}

export async function listVersions(db: DbOrTx, slug: string, after: PgKeyset | undefined, limit: number) {
  await assertPage(db, slug);
  const { rows } = await db.execute<{ version: number; title: string; published_at: string; current: boolean }>(sql`
    SELECT version, title, published_at, current FROM ${ALL_VERSIONS(slug)}
     WHERE ${after ? sql`version < ${after.id}` : sql`true`}
     ORDER BY version DESC LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({ version: r.version, title: r.title, publishedAt: toIso(r.published_at), current: r.current })),
    nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.published_at, id: last.version }) : null,
  };
}

/** One version, rendered; the next version (read in the same query) tells until when it was in force. */
export async function loadVersion(db: DbOrTx, slug: string, version: number) {
  await assertPage(db, slug);
  const { rows } = await db.execute<{
    version: number; title: string; body_md: string; body_html: string | null; published_at: string; current: boolean;
  }>(sql`
    SELECT version, title, body_md, body_html, published_at, current FROM ${ALL_VERSIONS(slug)}
     WHERE version IN (${version}, ${version + 1}) ORDER BY version`);
  const row = rows.find((r) => r.version === version);
  if (!row) throw new AppError('LEGAL_VERSION_NOT_FOUND');
  const next = rows.find((r) => r.version === version + 1);
  return {
    slug, version: row.version, title: row.title,
    // Replaced versions keep only their Markdown; rendering them is rare enough to do on read.
    bodyHtml: row.body_html ?? renderMarkdown(row.body_md),
    publishedAt: toIso(row.published_at), replacedAt: next ? toIso(next.published_at) : null, current: row.current,
  };
}
