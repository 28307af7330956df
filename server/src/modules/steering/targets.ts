import type { Pool } from 'pg';
import { DEFAULT_MONTHLY_TARGET } from '../../../../common/contributions.js';

export interface Targets {
  /** The community-wide target (the default when the coordinator set none). */
  community: number;
  communityIsDefault: boolean;
  /** Per-animator overrides. */
  byUser: Map<number, number>;
}

export async function loadTargets(pool: Pool, communityId: number): Promise<Targets> {
  const { rows } = await pool.query<{ user_id: number | null; monthly_target: number }>(
    'SELECT user_id::int AS user_id, monthly_target FROM animator_targets WHERE community_id = $1',
    [communityId],
  );
  const shared = rows.find((r) => r.user_id === null);
  const byUser = new Map(rows.filter((r) => r.user_id !== null).map((r) => [r.user_id!, r.monthly_target]));
  return { community: shared?.monthly_target ?? DEFAULT_MONTHLY_TARGET, communityIsDefault: !shared, byUser };
}

export function targetOf(targets: Targets, userId: number): number {
  return targets.byUser.get(userId) ?? targets.community;
}

/** Sets (or, with null, removes) the community's target or one animator's. One statement. */
export async function saveTarget(pool: Pool, communityId: number, userId: number | null, value: number | null, setBy: number): Promise<void> {
  if (value === null) {
    await pool.query('DELETE FROM animator_targets WHERE community_id = $1 AND coalesce(user_id, 0) = coalesce($2::bigint, 0)', [communityId, userId]);
    return;
  }
  await pool.query(
    `INSERT INTO animator_targets (community_id, user_id, monthly_target, set_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (community_id, (coalesce(user_id, 0)))
     DO UPDATE SET monthly_target = EXCLUDED.monthly_target, set_by = EXCLUDED.set_by, updated_at = now()`,
    [communityId, userId, value, setBy],
  );
}

/** The community's animators and coordinators, by name. */
export async function listStaff(pool: Pool, communityId: number): Promise<{ id: number; name: string; role: 'animator' | 'coordinator' }[]> {
  const { rows } = await pool.query<{ id: number; name: string; role: 'animator' | 'coordinator' }>(
    `SELECT u.id::int AS id, u.first_name || ' ' || u.last_name AS name, m.role
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.community_id = $1 AND m.role IN ('animator', 'coordinator')
      ORDER BY m.role DESC, u.last_name, u.first_name, u.id`,
    [communityId],
  );
  return rows;
}
