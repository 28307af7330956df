import { sql } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { emit } from '../../events/bus.js';

/** Writes of the dossiers module; each in one transaction, the dossier row locked while its items change. */

export interface DossierInput {
  title?: string;
  intro?: string;
  coverUrl?: string | null;
  coverAlt?: string | null;
}

/** A cover needs its text alternative; without a cover, no stray alternative is kept. */
function cover(input: DossierInput, current: { url: string | null; alt: string | null }) {
  const url = input.coverUrl === undefined ? current.url : input.coverUrl;
  const alt = url === null ? null : (input.coverAlt === undefined ? current.alt : input.coverAlt)?.trim() ?? null;
  if (url !== null && !alt) {
    throw new AppError('VALIDATION_FAILED', undefined, { coverAlt: 'Décrivez l’image de couverture (texte alternatif).' });
  }
  return { url, alt };
}

export async function createDossier(db: Db, communityId: number, userId: number, input: DossierInput & { title: string }): Promise<number> {
  const c = cover(input, { url: null, alt: null });
  const intro = input.intro ?? '';
  const { rows } = await db.execute<{ id: number }>(sql`
    INSERT INTO dossiers (community_id, title, intro_md, intro_html, cover_url, cover_alt, created_by)
    VALUES (${communityId}, ${input.title.trim()}, ${intro}, ${renderMarkdown(intro)}, ${c.url}, ${c.alt}, ${userId})
    RETURNING id`);
  return rows[0]!.id;
}

async function lockDossier(tx: Tx, id: number) {
  const { rows } = await tx.execute<{ community_id: number; cover_url: string | null; cover_alt: string | null; item_count: number }>(sql`
    SELECT community_id, cover_url, cover_alt, item_count FROM dossiers WHERE id = ${id} FOR UPDATE`);
  if (!rows[0]) throw new AppError('DOSSIER_NOT_FOUND');
  return rows[0];
}

export async function editDossier(db: Db, id: number, input: DossierInput): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockDossier(tx, id);
    const c = cover(input, { url: current.cover_url, alt: current.cover_alt });
    await tx.execute(sql`
      UPDATE dossiers SET updated_at = now(), cover_url = ${c.url}, cover_alt = ${c.alt}
        ${input.title !== undefined ? sql`, title = ${input.title.trim()}` : sql``}
        ${input.intro !== undefined ? sql`, intro_md = ${input.intro}, intro_html = ${renderMarkdown(input.intro)}` : sql``}
       WHERE id = ${id}`);
  });
}

export async function deleteDossier(db: Db, id: number): Promise<void> {
  const { rows } = await db.execute(sql`DELETE FROM dossiers WHERE id = ${id} RETURNING id`);
  if (rows.length === 0) throw new AppError('DOSSIER_NOT_FOUND');
}

export async function addItem(db: Db, id: number, postId: number, note: string): Promise<void> {
  await db.transaction(async (tx) => {
    const dossier = await lockDossier(tx, id);
    if (dossier.item_count >= LIMITS.dossierItemsMax) {
      throw new AppError('CONFLICT', `Un dossier réunit au plus ${LIMITS.dossierItemsMax} publications.`);
    }
    const post = await tx.execute(sql`
      SELECT 1 FROM posts WHERE id = ${postId} AND community_id = ${dossier.community_id} AND deleted_at IS NULL`);
    if (post.rows.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'Cette publication n’existe pas dans cette e-communauté.', { postId: 'Publication introuvable dans cette e-communauté.' });
    }
    await tx.execute(sql`
      INSERT INTO dossier_items (dossier_id, post_id, position, note)
      VALUES (${id}, ${postId}, (SELECT coalesce(max(position), 0) + 1 FROM dossier_items WHERE dossier_id = ${id}), ${note.trim()})`);
    await tx.execute(sql`UPDATE dossiers SET item_count = item_count + 1, updated_at = now() WHERE id = ${id}`);
    await emit(tx, { type: 'dossier.post_added', dossierId: id, postId });
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_IN_DOSSIER');
    throw err;
  });
}

export async function removeItem(db: Db, id: number, postId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockDossier(tx, id);
    const { rows } = await tx.execute(sql`DELETE FROM dossier_items WHERE dossier_id = ${id} AND post_id = ${postId} RETURNING post_id`);
    if (rows.length === 0) throw new AppError('NOT_FOUND', 'Cette publication ne figure pas dans le dossier.');
    await tx.execute(sql`UPDATE dossiers SET item_count = item_count - 1, updated_at = now() WHERE id = ${id}`);
  });
}

/**
 * Sets the order of the dossier's live posts. The list must name each of them exactly once,
 * so a reorder based on a stale page fails instead of silently dropping a post.
 */
export async function reorder(db: Db, id: number, postIds: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    await lockDossier(tx, id);
    const { rows } = await tx.execute<{ post_id: number; live: boolean }>(sql`
      SELECT di.post_id, p.deleted_at IS NULL AS live
        FROM dossier_items di JOIN posts p ON p.id = di.post_id
       WHERE di.dossier_id = ${id} ORDER BY di.position`);
    const live = rows.filter((r) => r.live).map((r) => r.post_id);
    const wanted = new Set(postIds);
    if (live.length !== postIds.length || !live.every((p) => wanted.has(p))) {
      throw new AppError('CONFLICT', 'Le dossier a changé entre-temps : rechargez la page puis recommencez.');
    }
    // Deleted posts keep a place after the live ones, in case they are restored.
    const order = [...postIds, ...rows.filter((r) => !r.live).map((r) => r.post_id)];
    const positions = order.map((_, i) => i + 1);
    await tx.execute(sql`
      UPDATE dossier_items di SET position = t.pos
        FROM unnest(${sql.param(order)}::bigint[], ${sql.param(positions)}::int[]) AS t(post_id, pos)
       WHERE di.dossier_id = ${id} AND di.post_id = t.post_id`);
    await tx.execute(sql`UPDATE dossiers SET updated_at = now() WHERE id = ${id}`);
  });
}
