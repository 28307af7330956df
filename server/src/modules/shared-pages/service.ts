import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { assertNotSuspended } from '../sanctions/suspensions.js';

/** Writes of co-written pages; each in one transaction, every save a new revision. */

export interface PageContent {
  title: string;
  body: string;
  summary?: string;
}

export async function createPage(db: Db, communityId: number, userId: number, input: PageContent): Promise<number> {
  const title = input.title.trim();
  const html = renderMarkdown(input.body);
  return db.transaction(async (tx) => {
    await assertNotSuspended(tx, communityId, userId);
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO wiki_pages (community_id, title, body_md, body_html, revision, created_by, updated_by)
      VALUES (${communityId}, ${title}, ${input.body}, ${html}, 1, ${userId}, ${userId})
      RETURNING id`);
    const id = rows[0]!.id;
    await tx.execute(sql`
      INSERT INTO wiki_revisions (page_id, number, title, body_md, body_html, summary, author_id)
      VALUES (${id}, 1, ${title}, ${input.body}, ${html}, ${(input.summary ?? '').trim()}, ${userId})`);
    return id;
  });
}

/**
 * Appends revision base+1 and makes it current. Two writers who started from the same revision
 * both claim that number: the unique index (page, number) lets exactly one commit, the other
 * gets WIKI_EDIT_CONFLICT and keeps their text on screen. A stale base conflicts the same way.
 */
async function appendRevision(
  tx: Tx,
  page: { id: number; communityId: number },
  userId: number,
  base: number,
  content: { title: string; bodyMd: string; summary: string; restoredFrom: number | null },
): Promise<void> {
  await assertNotSuspended(tx, page.communityId, userId);
  const next = base + 1;
  const html = renderMarkdown(content.bodyMd);
  // Savepoint-free on purpose: a unique violation aborts the transaction, which is what a conflict is.
  await tx.execute(sql`
    INSERT INTO wiki_revisions (page_id, number, title, body_md, body_html, summary, restored_from, author_id)
    VALUES (${page.id}, ${next}, ${content.title}, ${content.bodyMd}, ${html}, ${content.summary}, ${content.restoredFrom}, ${userId})`);
  const { rows } = await tx.execute(sql`
    UPDATE wiki_pages SET title = ${content.title}, body_md = ${content.bodyMd}, body_html = ${html}, revision = ${next},
           updated_by = ${userId}, updated_at = now(),
           editing_until = CASE WHEN editing_by = ${userId} THEN NULL ELSE editing_until END,
           editing_by = CASE WHEN editing_by = ${userId} THEN NULL ELSE editing_by END
     WHERE id = ${page.id} AND revision = ${base}
    RETURNING id`);
  if (rows.length === 0) throw new AppError('WIKI_EDIT_CONFLICT');
}

function asConflict(err: unknown): never {
  if (isUniqueViolation(err, 'wiki_revisions_page_number_key')) throw new AppError('WIKI_EDIT_CONFLICT');
  throw err;
}

export async function savePage(
  db: Db, page: { id: number; communityId: number }, userId: number, base: number, input: PageContent,
): Promise<void> {
  await db.transaction((tx) => appendRevision(tx, page, userId, base, {
    title: input.title.trim(), bodyMd: input.body, summary: (input.summary ?? '').trim(), restoredFrom: null,
  })).catch(asConflict);
}

/** Brings an old revision back as a new one: history is never rewritten. */
export async function restoreRevision(
  db: Db, page: { id: number; communityId: number }, userId: number, base: number, number: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ title: string; body_md: string }>(sql`
      SELECT title, body_md FROM wiki_revisions WHERE page_id = ${page.id} AND number = ${number}`);
    const old = rows[0];
    if (!old) throw new AppError('WIKI_REVISION_NOT_FOUND');
    await appendRevision(tx, page, userId, base, {
      title: old.title, bodyMd: old.body_md, summary: `Restauration de la version ${number}`, restoredFrom: number,
    });
  }).catch(asConflict);
}

export async function setLock(db: Db, pageId: number, userId: number, locked: boolean): Promise<void> {
  await db.execute(locked
    ? sql`UPDATE wiki_pages SET locked_at = coalesce(locked_at, now()), locked_by = coalesce(locked_by, ${userId}) WHERE id = ${pageId}`
    : sql`UPDATE wiki_pages SET locked_at = NULL, locked_by = NULL WHERE id = ${pageId}`);
}

/** How long an open editor is announced without a renewal (the client renews every minute). */
export const EDITING_CLAIM_SECONDS = 150;

/**
 * Announces (or, with `on` false, withdraws) that the user has the editor open. The first person keeps the
 * claim while it is renewed; a lapsed claim is taken over. Nothing is refused on it: saves conflict on revisions.
 */
export async function setEditing(db: Db, pageId: number, userId: number, on: boolean): Promise<void> {
  await db.execute(on
    ? sql`UPDATE wiki_pages SET editing_by = ${userId}, editing_until = now() + make_interval(secs => ${EDITING_CLAIM_SECONDS})
           WHERE id = ${pageId} AND (editing_by IS NULL OR editing_by = ${userId} OR editing_until IS NULL OR editing_until <= now())`
    : sql`UPDATE wiki_pages SET editing_by = NULL, editing_until = NULL WHERE id = ${pageId} AND editing_by = ${userId}`);
}

/** Places a page of the dossier's community at the end of the dossier. */
export async function addPageToDossier(db: Db, dossierId: number, pageId: number): Promise<void> {
  await db.transaction(async (tx) => {
    // The dossier row is locked so two additions do not take the same position.
    const { rows } = await tx.execute<{ community_id: number }>(sql`SELECT community_id FROM dossiers WHERE id = ${dossierId} FOR UPDATE`);
    const dossier = rows[0];
    if (!dossier) throw new AppError('DOSSIER_NOT_FOUND');
    const page = await tx.execute(sql`SELECT 1 FROM wiki_pages WHERE id = ${pageId} AND community_id = ${dossier.community_id}`);
    if (page.rows.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'Cette page n’existe pas dans cette e-communauté.', { pageId: 'Page introuvable dans cette e-communauté.' });
    }
    await tx.execute(sql`
      INSERT INTO dossier_pages (dossier_id, page_id, position)
      VALUES (${dossierId}, ${pageId}, (SELECT coalesce(max(position), 0) + 1 FROM dossier_pages WHERE dossier_id = ${dossierId}))`);
    await tx.execute(sql`UPDATE dossiers SET updated_at = now() WHERE id = ${dossierId}`);
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('PAGE_ALREADY_IN_DOSSIER');
    throw err;
  });
}

export async function removePageFromDossier(db: Db, dossierId: number, pageId: number): Promise<void> {
  const { rows } = await db.execute(sql`DELETE FROM dossier_pages WHERE dossier_id = ${dossierId} AND page_id = ${pageId} RETURNING page_id`);
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'Cette page ne figure pas dans le dossier.');
}
