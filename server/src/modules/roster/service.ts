import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { CommunityRole } from '../communities/policy.js';
import { canBeOnDuty } from './policy.js';

/** Puts `animatorId` on duty for the week starting `week` (a Monday), replacing whoever was. */
export async function setDuty(db: Db, communityId: number, week: string, animatorId: number, setBy: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ role: CommunityRole }>(sql`
      SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
       WHERE m.community_id = ${communityId} AND m.user_id = ${animatorId}`);
    if (!canBeOnDuty(rows[0]?.role ?? null)) throw new AppError('NOT_AN_ANIMATOR', undefined, { animatorId: 'Choisissez une personne de l’équipe d’animation.' });
    await tx.execute(sql`
      INSERT INTO duty_roster (community_id, week_start, animator_id, set_by) VALUES (${communityId}, ${week}::date, ${animatorId}, ${setBy})
      ON CONFLICT (community_id, week_start) DO UPDATE SET animator_id = EXCLUDED.animator_id, set_by = EXCLUDED.set_by, set_at = now()`);
  });
}

export async function clearDuty(db: Db, communityId: number, week: string): Promise<void> {
  await db.execute(sql`DELETE FROM duty_roster WHERE community_id = ${communityId} AND week_start = ${week}::date`);
}
