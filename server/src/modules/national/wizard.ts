import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

export interface WizardInput {
  name: string;
  slug: string;
  description: string;
  perimeter: string;
  targetAudience: string;
  editorialLine: string;
  coordinatorId: number;
  animatorIds: number[];
  launchDate: string;
}

/**
 * Creates a community with its coordinator and animators in one transaction. It stays a draft
 * (seen only by the national team and its coordinator) until its launch date, when the
 * `open-launched-communities` job opens it; a launch date already reached opens it at once.
 */
export async function createCommunityFromWizard(db: Db, input: WizardInput, actorId: number) {
  return db.transaction(async (tx) => {
    const animators = input.animatorIds.filter((id) => id !== input.coordinatorId);
    const people = [input.coordinatorId, ...animators];
    const { rows: found } = await tx.execute<{ id: number }>(sql`
      SELECT id::int AS id FROM users WHERE id = ANY(${`{${people.join(',')}}`}::bigint[]) AND deleted_at IS NULL`);
    const missing = people.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) {
      throw new AppError('VALIDATION_FAILED', undefined, missing.includes(input.coordinatorId)
        ? { coordinatorId: 'Coordonnateur·rice introuvable.' }
        : { animatorIds: 'Animateur·rice introuvable.' });
    }
    const inserted = await tx.execute<{ id: number; status: string; launch_date: string }>(sql`
      INSERT INTO communities (slug, name, description, perimeter, target_audience, editorial_line, launch_date, status, member_count)
      VALUES (${input.slug}, ${input.name}, ${input.description}, ${input.perimeter}, ${input.targetAudience}, ${input.editorialLine},
              ${input.launchDate}::date,
              CASE WHEN ${input.launchDate}::date <= (now() AT TIME ZONE ${parisZoneSql})::date THEN 'open' ELSE 'draft' END::community_status,
              ${people.length})
      RETURNING id::int AS id, status::text AS status, launch_date::text AS launch_date`).catch((err: unknown) => {
      if (isUniqueViolation(err, 'communities_slug_key')) throw new AppError('SLUG_TAKEN');
      throw err;
    });
    const community = inserted.rows[0]!;
    await tx.execute(sql`
      INSERT INTO memberships (community_id, user_id, role, role_granted_by)
      SELECT ${community.id}, u, CASE WHEN u = ${input.coordinatorId} THEN 'coordinator' ELSE 'animator' END::community_role, ${actorId}
        FROM unnest(${`{${people.join(',')}}`}::bigint[]) AS u`);
    return { id: community.id, slug: input.slug, status: community.status, launchDate: community.launch_date };
  });
}

/**
 * Opens every draft whose launch date has come (Paris calendar). Idempotent: an open community
 * no longer matches, so a second run (or two workers) changes nothing.
 */
export async function openLaunchedCommunities(db: DbOrTx): Promise<string[]> {
  const { rows } = await db.execute<{ slug: string }>(sql`
    UPDATE communities SET status = 'open', updated_at = now()
     WHERE status = 'draft' AND launch_date IS NOT NULL AND launch_date <= (now() AT TIME ZONE ${parisZoneSql})::date
    RETURNING slug`);
  return rows.map((r) => r.slug);
}
