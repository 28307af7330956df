import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

export interface MfaStatus {
  demoAccount: boolean;
  /** Animator or coordinator of a community, or national team. */
  staff: boolean;
  graceStartedAt: Date | null;
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  /** A confirmed authenticator app or a passkey (recovery codes are their spare key, not a factor alone). */
  hasFactor: boolean;
}

/** Everything the second-factor rule needs about a person, in one indexed query. */
export async function loadStatus(db: DbOrTx, userId: number): Promise<MfaStatus> {
  const { rows } = await db.execute<{
    demo_account: boolean; staff: boolean; grace_started_at: string | Date | null; totp: boolean; passkeys: number; recovery_left: number;
  }>(sql`
    SELECT u.demo_account, u.mfa_grace_started_at AS grace_started_at,
           (u.national_role IS NOT NULL OR EXISTS (
              SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role IN ('animator', 'coordinator'))) AS staff,
           EXISTS (SELECT 1 FROM mfa_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS totp,
           (SELECT count(*)::int FROM mfa_passkeys p WHERE p.user_id = u.id) AS passkeys,
           (SELECT count(*)::int FROM mfa_recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) AS recovery_left
      FROM users u WHERE u.id = ${userId} AND u.deleted_at IS NULL`);
  const row = rows[0];
  if (!row) throw new AppError('USER_NOT_FOUND');
  return {
    demoAccount: row.demo_account, staff: row.staff,
    graceStartedAt: row.grace_started_at === null ? null : new Date(row.grace_started_at),
    totp: row.totp, passkeys: Number(row.passkeys), recoveryCodesLeft: Number(row.recovery_left),
    hasFactor: row.totp || Number(row.passkeys) > 0,
  };
}

/**
 * The demo network's shared accounts (seed only), one per role (the first created), for the sign-in page. Empty on
 * a real deployment, where the demo seed never ran. Served by the partial index on demo_account.
 */
export async function listDemoAccounts(db: DbOrTx) {
  const { rows } = await db.execute<{ email: string; role: 'admin' | 'coordinator' | 'animator' | 'member' }>(sql`
    SELECT email, role FROM (
      SELECT DISTINCT ON (role) email, role, id FROM (
        SELECT u.email, u.id,
               CASE WHEN u.national_role IS NOT NULL THEN 'admin'
                    WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'coordinator') THEN 'coordinator'
                    WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'animator') THEN 'animator'
                    ELSE 'member' END AS role
          FROM users u WHERE u.demo_account AND u.deleted_at IS NULL AND u.banned_at IS NULL) d
       ORDER BY role, id) one
     ORDER BY array_position(ARRAY['admin', 'coordinator', 'animator', 'member'], role)`);
  return rows;
}
