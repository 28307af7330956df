import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PgKeyset } from '../../lib/cursor.js';

/** Read queries of invitations, one statement each. */

export interface InvitationRow extends Record<string, unknown> {
  id: number;
  community_id: number;
  kind: 'email' | 'link';
  /** The invited address, until the invitation is accepted: the person is then shown, not their address. */
  email: string | null;
  /** Who accepted a personal invitation (null for links, pending ones, or once that account is deleted). */
  member_id: number | null;
  member_first_name: string | null;
  member_last_name: string | null;
  inviter_id: number;
  inviter_first_name: string;
  inviter_last_name: string;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  accepted_count: number;
  created_at: string;
  expires_at: string;
}

/** A personal invitation has at most one acceptance, found by the primary key (invitation_id, user_id). */
const acceptedBy = sql.raw(`
  LEFT JOIN LATERAL (
    SELECT a.user_id, au.first_name, au.last_name
      FROM invitation_acceptances a JOIN users au ON au.id = a.user_id
     WHERE a.invitation_id = i.id AND i.kind = 'email'
     LIMIT 1) acc ON true`);

const columns = sql.raw(`
  i.id, i.community_id, i.kind, i.accepted_count,
  CASE WHEN i.kind = 'email' AND i.accepted_count > 0 THEN NULL ELSE i.email::text END AS email,
  acc.user_id AS member_id, acc.first_name AS member_first_name, acc.last_name AS member_last_name,
  u.id AS inviter_id, u.first_name AS inviter_first_name, u.last_name AS inviter_last_name,
  CASE WHEN i.revoked_at IS NOT NULL THEN 'revoked'
       WHEN i.kind = 'email' AND i.accepted_count > 0 THEN 'accepted'
       WHEN i.expires_at <= now() THEN 'expired' ELSE 'pending' END AS status,
  to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
  to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS expires_at`);

/** A community's invitations, newest first; `inviterId` narrows to one person's (index invitations_community_idx). */
export async function communityInvitations(
  db: DbOrTx, communityId: number, inviterId: number | null, cursor: PgKeyset | undefined, limit: number,
): Promise<InvitationRow[]> {
  const { rows } = await db.execute<InvitationRow>(sql`
    SELECT ${columns}
      FROM invitations i JOIN users u ON u.id = i.inviter_id ${acceptedBy}
     WHERE i.community_id = ${communityId}
       ${inviterId !== null ? sql`AND i.inviter_id = ${inviterId}` : sql``}
       ${cursor ? sql`AND (i.created_at, i.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
     ORDER BY i.created_at DESC, i.id DESC
     LIMIT ${limit + 1}`);
  return rows;
}

export async function findInvitation(db: DbOrTx, id: number): Promise<InvitationRow | undefined> {
  const { rows } = await db.execute<InvitationRow>(sql`
    SELECT ${columns} FROM invitations i JOIN users u ON u.id = i.inviter_id ${acceptedBy} WHERE i.id = ${id}`);
  return rows[0];
}

export interface InviterFiguresRow extends Record<string, unknown> {
  inviter_id: number;
  first_name: string;
  last_name: string;
  role: string | null;
  sent: number;
  accepted: number;
  joined: number;
}

/** Most effective inviters first. Sent = invitations (a link counts once); accepted and joined = people. */
export const STATS_INVITERS = 50;

export async function inviterFigures(db: DbOrTx, communityId: number): Promise<{ rows: InviterFiguresRow[]; totals: { sent: number; accepted: number; joined: number } }> {
  const { rows } = await db.execute<InviterFiguresRow & { total_sent: number; total_accepted: number; total_joined: number }>(sql`
    -- accepted_count is kept by the acceptances; only accepted invitations are probed for joins.
    WITH per AS (
      SELECT inviter_id, count(*)::int AS sent, coalesce(sum(accepted_count), 0)::int AS accepted
        FROM invitations WHERE community_id = ${communityId} GROUP BY inviter_id),
    j AS (
      SELECT i.inviter_id, count(*)::int AS joined
        FROM invitations i JOIN invitation_acceptances a ON a.invitation_id = i.id AND a.joined_at IS NOT NULL
       WHERE i.community_id = ${communityId} AND i.accepted_count > 0
       GROUP BY i.inviter_id),
    per_j AS (SELECT per.inviter_id, per.sent, per.accepted, coalesce(j.joined, 0) AS joined FROM per LEFT JOIN j USING (inviter_id))
    SELECT per.*, u.first_name, u.last_name, m.role::text AS role,
           sum(per.sent) OVER ()::int AS total_sent, sum(per.accepted) OVER ()::int AS total_accepted, sum(per.joined) OVER ()::int AS total_joined
      FROM per_j per JOIN users u ON u.id = per.inviter_id
      LEFT JOIN memberships m ON m.community_id = ${communityId} AND m.user_id = per.inviter_id
     ORDER BY per.joined DESC, per.accepted DESC, per.sent DESC, per.inviter_id
     LIMIT ${STATS_INVITERS}`);
  const first = rows[0];
  return {
    rows,
    totals: first ? { sent: first.total_sent, accepted: first.total_accepted, joined: first.total_joined } : { sent: 0, accepted: 0, joined: 0 },
  };
}
