import { sql } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';

/** Community-defined rubriques: a short ordered list per community, managed by its staff. */

export interface RubriqueRow extends Record<string, unknown> {
  id: number;
  community_id: number;
  name: string;
  position: number;
  post_count: number;
}

export async function listRubriques(db: DbOrTx, communityId: number): Promise<RubriqueRow[]> {
  // The list is bounded (rubriquesPerCommunity), so counting its live posts stays cheap
  // (posts_rubrique_feed_idx holds exactly those rows).
  const { rows } = await db.execute<RubriqueRow>(sql`
    SELECT r.id, r.community_id, r.name, r.position,
           (SELECT count(*)::int FROM posts p WHERE p.rubrique_id = r.id AND p.deleted_at IS NULL) AS post_count
      FROM rubriques r
     WHERE r.community_id = ${communityId}
     ORDER BY r.position, r.id`);
  return rows;
}

export async function findRubrique(db: DbOrTx, id: number): Promise<{ id: number; community_id: number } | undefined> {
  const { rows } = await db.execute<{ id: number; community_id: number }>(sql`SELECT id, community_id FROM rubriques WHERE id = ${id}`);
  return rows[0];
}

function nameTaken(err: unknown): never {
  if (isUniqueViolation(err, 'rubriques_community_name_key')) throw new AppError('RUBRIQUE_NAME_TAKEN');
  throw err;
}

export async function createRubrique(db: Db, communityId: number, name: string): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      // Locking the community serialises concurrent creations, so the cap holds.
      await tx.execute(sql`SELECT 1 FROM communities WHERE id = ${communityId} FOR UPDATE`);
      const { rows } = await tx.execute<{ n: number; next: number }>(sql`
        SELECT count(*)::int AS n, coalesce(max(position) + 1, 0)::int AS next FROM rubriques WHERE community_id = ${communityId}`);
      if (rows[0]!.n >= LIMITS.rubriquesPerCommunity) throw new AppError('TOO_MANY_RUBRIQUES');
      const inserted = await tx.execute<{ id: number }>(sql`
        INSERT INTO rubriques (community_id, name, position) VALUES (${communityId}, ${name.trim()}, ${rows[0]!.next}) RETURNING id`);
      return inserted.rows[0]!.id;
    });
  } catch (err) {
    return nameTaken(err);
  }
}

/** Renames and/or moves a rubrique; moving shifts the others so positions stay 0..n-1. */
export async function updateRubrique(db: Db, id: number, change: { name?: string; position?: number }): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ community_id: number }>(sql`SELECT community_id FROM rubriques WHERE id = ${id} FOR UPDATE`);
      const row = rows[0];
      if (!row) throw new AppError('RUBRIQUE_NOT_FOUND');
      if (change.name !== undefined) await tx.execute(sql`UPDATE rubriques SET name = ${change.name.trim()} WHERE id = ${id}`);
      if (change.position !== undefined) {
        const { rows: ordered } = await tx.execute<{ id: number }>(sql`
          SELECT id FROM rubriques WHERE community_id = ${row.community_id} ORDER BY position, id FOR UPDATE`);
        const ids = ordered.map((r) => r.id).filter((x) => x !== id);
        ids.splice(Math.min(change.position, ids.length), 0, id);
        await tx.execute(sql`
          UPDATE rubriques r SET position = o.pos - 1
            FROM unnest(${sql`ARRAY[${sql.join(ids.map((x) => sql`${x}`), sql`, `)}]::bigint[]`}) WITH ORDINALITY AS o(id, pos)
           WHERE r.id = o.id`);
      }
    });
  } catch (err) {
    nameTaken(err);
  }
}

/** Deleting a rubrique keeps its posts; they simply have no rubrique any more (ON DELETE SET NULL). */
export async function deleteRubrique(db: Db, id: number): Promise<void> {
  const { rows } = await db.execute(sql`DELETE FROM rubriques WHERE id = ${id} RETURNING id`);
  if (rows.length === 0) throw new AppError('RUBRIQUE_NOT_FOUND');
}
