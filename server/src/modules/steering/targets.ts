import { sql } from 'drizzle-orm';
import { DEFAULT_MONTHLY_TARGET } from '../../../../common/contributions.js';
import { parisZoneSql } from '../../../../common/time/sql.js';
import type { DbOrTx } from '../../db/client.js';
import { rows, run } from '../../db/query.js';

export interface Targets {
  /** The community-wide target (the default when the coordinator set none). */
  community: number;
  communityIsDefault: boolean;
  /** Per-animator overrides. */
  byUser: Map<number, number>;
}

export async function loadTargets(db: DbOrTx, communityId: number): Promise<Targets> {
  const targets = await rows<{ user_id: number | null; monthly_target: number }>(db, sql`
    SELECT user_id::int AS user_id, monthly_target FROM animator_targets WHERE community_id = ${communityId}`);
  const shared = targets.find((r) => r.user_id === null);
  const byUser = new Map(targets.filter((r) => r.user_id !== null).map((r) => [r.user_id!, r.monthly_target]));
  return { community: shared?.monthly_target ?? DEFAULT_MONTHLY_TARGET, communityIsDefault: !shared, byUser };
}

export function targetOf(targets: Targets, userId: number): number {
  return targets.byUser.get(userId) ?? targets.community;
}

/** Sets (or, with null, removes) the community's target or one animator's. One statement. */
export async function saveTarget(db: DbOrTx, communityId: number, userId: number | null, value: number | null, setBy: number): Promise<void> {
  if (value === null) {
    await run(db, sql`DELETE FROM animator_targets WHERE community_id = ${communityId} AND coalesce(user_id, 0) = coalesce(${userId}::bigint, 0)`);
    return;
  }
  await run(db, sql`
    INSERT INTO animator_targets (community_id, user_id, monthly_target, set_by) VALUES (${communityId}, ${userId}, ${value}, ${setBy})
    ON CONFLICT (community_id, (coalesce(user_id, 0)))
    DO UPDATE SET monthly_target = EXCLUDED.monthly_target, set_by = EXCLUDED.set_by, updated_at = now()`);
}

export interface StaffMember { id: number; name: string; role: 'animator' | 'coordinator' }

/**
 * The community's animators and coordinators, by name, each once. A coordinator who also holds an animation
 * mission in the community (a current animator assignment) is listed as an animator: only animators carry the
 * monthly contributions target (see `carriesTarget`), and that person carries it once.
 */
export function listStaff(db: DbOrTx, communityId: number): Promise<StaffMember[]> {
  return rows<StaffMember>(db, sql`
     SELECT u.id::int AS id, u.first_name || ' ' || u.last_name AS name,
            CASE WHEN m.role = 'animator' OR EXISTS (
                   SELECT 1 FROM animator_assignments a
                    WHERE a.user_id = m.user_id AND a.community_id = m.community_id
                      AND a.starts_on <= (now() AT TIME ZONE ${parisZoneSql})::date
                      AND (a.ends_on IS NULL OR a.ends_on >= (now() AT TIME ZONE ${parisZoneSql})::date))
                 THEN 'animator' ELSE 'coordinator' END AS role
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.community_id = ${communityId} AND m.role IN ('animator', 'coordinator')
      ORDER BY 3 DESC, u.last_name, u.first_name, u.id`);
}

/** Whether a staff member is held to the monthly contributions target: animators only. */
export const carriesTarget = (member: StaffMember) => member.role === 'animator';

/** A staff member's monthly target, or null for a coordinator (who carries none). */
export function staffTarget(targets: Targets, member: StaffMember): number | null {
  return carriesTarget(member) ? targetOf(targets, member.id) : null;
}

/**
 * The team's month, as every page and export shows it: the contributions of the staff who carry a target,
 * against the sum of their targets. `counts` are families.ts counts of the month.
 */
export function teamProgress(staff: StaffMember[], targets: Targets, counts: { userId: number; count: number }[]) {
  const carriers = new Set(staff.filter(carriesTarget).map((m) => m.id));
  return {
    animators: carriers.size,
    done: counts.reduce((sum, c) => sum + (carriers.has(c.userId) ? c.count : 0), 0),
    target: staff.reduce((sum, m) => sum + (staffTarget(targets, m) ?? 0), 0),
  };
}
