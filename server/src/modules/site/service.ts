import { desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { legalPages, legalPageVersions, mailOutbox } from '../../db/schema/index.js';
import { found } from '../../lib/errors.js';
import { encodeKeyset, type PgKeyset } from '../../lib/cursor.js';
import { renderMarkdown } from '../../lib/markdown.js';

export async function loadPage(db: DbOrTx, slug: string) {
  const [row] = await db.select().from(legalPages).where(eq(legalPages.slug, slug));
  return found(row, 'PAGE_NOT_FOUND');
}

/**
 * Saves a new version of a legal page: the version being replaced is copied to
 * legal_page_versions in the same transaction, under a row lock so two editors cannot both claim one number.
 */
export async function savePage(db: Db, slug: string, title: string, bodyMd: string, userId: number) {
  const bodyHtml = renderMarkdown(bodyMd);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(legalPages).where(eq(legalPages.slug, slug)).for('update');
    const page = found(current, 'PAGE_NOT_FOUND');
    await tx.insert(legalPageVersions).values({
      slug, version: page.version, title: page.title, bodyMd: page.bodyMd, createdAt: page.updatedAt, createdBy: page.updatedBy,
    });
    const [saved] = await tx.update(legalPages)
      .set({ title: title.trim(), bodyMd, bodyHtml, version: page.version + 1, updatedAt: sql`now()`, updatedBy: userId })
      .where(eq(legalPages.slug, slug))
      .returning();
    return saved!;
  });
}

/**
 * Newest first by id (identity order is insertion order), served by the primary key;
 * only the cursor's id is used as the bound.
 */
export async function outboxPage(db: DbOrTx, after: PgKeyset | undefined, limit: number) {
  const rows = await db.select({
    id: mailOutbox.id, to: mailOutbox.toAddress, subject: mailOutbox.subject, text: mailOutbox.text,
    status: mailOutbox.status, createdAt: mailOutbox.createdAt,
  }).from(mailOutbox)
    .where(after ? lt(mailOutbox.id, after.id) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
