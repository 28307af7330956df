import { sql } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { App, CurrentUser } from '../../types.js';
import { invitationMail } from '../mail/templates.js';
import { queueMail } from '../mail/events.js';
import { parisFormat } from '../../../../common/time/index.js';

/** Writes of invitations; each in one transaction, with its mails (queued in it, sent once committed). */

const DAY_MS = 86_400_000;
const expiryFormat = parisFormat('fr-FR', { dateStyle: 'long' });

/** What the invitation services use: the database, and the public address the invitations link to. */
export interface InvitationDeps { db: Db; config: Pick<App['config'], 'publicUrl'> }

export function invitationUrl(deps: InvitationDeps, token: string): string {
  return `${deps.config.publicUrl}/invitation/${token}`;
}

export interface CommunityRef {
  id: number;
  slug: string;
  name: string;
  description: string;
}

export type Outcome = { email: string; outcome: 'sent' | 'already_member' | 'already_invited'; message: string };

/**
 * One invitation per address not yet a member nor already invited (and still pending).
 * The inviter's invitations of the last 24 hours are capped (LIMITS.invitationsPerDay) so that
 * the platform never becomes a mass-mailing tool; the count is taken under a per-inviter lock.
 */
export async function inviteByEmail(deps: InvitationDeps, community: CommunityRef, inviter: CurrentUser, emails: string[], message: string): Promise<Outcome[]> {
  const addresses = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('invitations'), ${inviter.id}::int)`);
    const { rows: [recent] } = await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM invitations WHERE inviter_id = ${inviter.id} AND created_at > now() - interval '24 hours'`);
    const { rows: members } = await tx.execute<{ email: string }>(sql`
      SELECT lower(u.email) AS email FROM users u JOIN memberships m ON m.user_id = u.id AND m.community_id = ${community.id}
       WHERE u.email = ANY(${sql.param(addresses)}::citext[])`);
    const { rows: pending } = await tx.execute<{ email: string }>(sql`
      SELECT lower(i.email) AS email FROM invitations i
       WHERE i.community_id = ${community.id} AND i.kind = 'email' AND i.email = ANY(${sql.param(addresses)}::citext[])
         AND i.revoked_at IS NULL AND i.expires_at > now() AND i.accepted_count = 0`);
    const memberSet = new Set(members.map((r) => r.email));
    const pendingSet = new Set(pending.map((r) => r.email));
    const toSend = addresses.filter((a) => !memberSet.has(a) && !pendingSet.has(a));
    if (recent!.n + toSend.length > LIMITS.invitationsPerDay) {
      const left = Math.max(0, LIMITS.invitationsPerDay - recent!.n);
      throw new AppError('INVITATION_DAILY_CAP', `Vous pouvez encore envoyer ${left} invitation${left > 1 ? 's' : ''} aujourd’hui (au plus ${LIMITS.invitationsPerDay} par 24 heures).`);
    }
    const expiresAt = new Date(Date.now() + LIMITS.invitationEmailDays * DAY_MS);
    const out: Outcome[] = [];
    let queued = 0;
    for (const email of addresses) {
      if (memberSet.has(email)) {
        out.push({ email, outcome: 'already_member', message: `${email} est déjà membre de l’e-communauté.` });
      } else if (pendingSet.has(email)) {
        out.push({ email, outcome: 'already_invited', message: `${email} a déjà une invitation en attente.` });
      } else {
        const token = newToken();
        await tx.execute(sql`
          INSERT INTO invitations (community_id, inviter_id, kind, email, token_hash, expires_at)
          VALUES (${community.id}, ${inviter.id}, 'email', ${email}, ${hashToken(token)}, ${expiresAt})`);
        out.push({ email, outcome: 'sent', message: `Invitation envoyée à ${email}.` });
        await queueMail(tx, invitationMail(email, {
          inviterName: `${inviter.firstName} ${inviter.lastName}`, communityName: community.name,
          communityDescription: community.description, message: message.trim(),
          url: invitationUrl(deps, token), expires: expiryFormat.format(expiresAt),
        }));
        queued += 1;
      }
    }
    if (queued === 0) {
      const first = out[0]!;
      if (out.every((o) => o.outcome === 'already_member')) {
        throw new AppError('ALREADY_MEMBER', out.length === 1 ? `${first.email} est déjà membre de l’e-communauté : inutile de l’inviter.` : undefined, { emails: first.message });
      }
      throw new AppError('INVITATION_ALREADY_PENDING', undefined, { emails: out.find((o) => o.outcome === 'already_invited')!.message });
    }
    return out;
  });
}

/** A shareable link; returns its clear token (shown once) and the invitation id. */
export async function createLink(db: DbOrTx, communityId: number, inviterId: number): Promise<{ id: number; token: string }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + LIMITS.invitationLinkDays * DAY_MS);
  const { rows } = await db.execute<{ id: number }>(sql`
    INSERT INTO invitations (community_id, inviter_id, kind, token_hash, expires_at)
    VALUES (${communityId}, ${inviterId}, 'link', ${hashToken(token)}, ${expiresAt}) RETURNING id`);
  return { id: rows[0]!.id, token };
}

export async function revoke(db: DbOrTx, id: number, userId: number): Promise<void> {
  await db.execute(sql`UPDATE invitations SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ${userId}) WHERE id = ${id}`);
}

export interface TokenRow extends Record<string, unknown> {
  id: number;
  kind: 'email' | 'link';
  email: string | null;
  expires_at: string;
  expired: boolean;
  revoked: boolean;
  used_by_other: boolean;
  community_id: number;
  community_slug: string;
  community_name: string;
  community_description: string;
  community_status: string;
  inviter_first_name: string;
  inviter_last_name: string;
  already_member: boolean;
}

/**
 * The invitation behind a token, or the reason it cannot be used: revoked and expired links answer
 * 410 with their own code, a personal invitation already taken by another account 409.
 */
export async function usableInvitation(db: DbOrTx, token: string, userId: number | null, lock = false): Promise<TokenRow> {
  const { rows } = await db.execute<TokenRow>(sql`
    SELECT i.id, i.kind, i.email::text AS email, to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS expires_at,
           i.expires_at <= now() AS expired, i.revoked_at IS NOT NULL AS revoked,
           (i.kind = 'email' AND EXISTS (SELECT 1 FROM invitation_acceptances a WHERE a.invitation_id = i.id AND a.user_id <> ${userId ?? 0})) AS used_by_other,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.description AS community_description,
           c.status AS community_status, u.first_name AS inviter_first_name, u.last_name AS inviter_last_name,
           EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.user_id = ${userId ?? 0}) AS already_member
      FROM invitations i JOIN communities c ON c.id = i.community_id JOIN users u ON u.id = i.inviter_id
     WHERE i.token_hash = ${hashToken(token)}
     ${lock ? sql`FOR UPDATE OF i` : sql``}`);
  const row = rows[0];
  if (!row || row.community_status === 'draft') throw new AppError('INVITATION_NOT_FOUND');
  if (row.revoked) throw new AppError('INVITATION_REVOKED');
  if (row.expired) throw new AppError('INVITATION_EXPIRED');
  if (row.community_status !== 'open') throw new AppError('COMMUNITY_NOT_OPEN');
  if (row.used_by_other) throw new AppError('INVITATION_USED');
  return row;
}

/** Makes the user a member, keeping member_count exact; false when they already were one. */
async function join(tx: DbOrTx, communityId: number, userId: number): Promise<boolean> {
  const { rows } = await tx.execute(sql`
    INSERT INTO memberships (community_id, user_id, role) VALUES (${communityId}, ${userId}, 'member')
    ON CONFLICT (community_id, user_id) DO NOTHING RETURNING user_id`);
  if (rows.length === 0) return false;
  await tx.execute(sql`UPDATE communities SET member_count = member_count + 1 WHERE id = ${communityId}`);
  return true;
}

/**
 * Records that the user followed the invitation. A verified account joins at once; a new one
 * joins when its address is confirmed (completePendingInvitations), so an unverified
 * registration never inflates a community.
 */
export async function accept(deps: InvitationDeps, token: string, user: CurrentUser): Promise<{ status: 'joined' | 'pending_verification'; community: { slug: string; name: string } }> {
  return deps.db.transaction(async (tx) => {
    const inv = await usableInvitation(tx, token, user.id, true);
    if (inv.already_member) throw new AppError('ALREADY_MEMBER', 'Vous êtes déjà membre de cette e-communauté.');
    const { rows } = await tx.execute(sql`
      INSERT INTO invitation_acceptances (invitation_id, user_id) VALUES (${inv.id}, ${user.id})
      ON CONFLICT DO NOTHING RETURNING user_id`);
    if (rows.length > 0) await tx.execute(sql`UPDATE invitations SET accepted_count = accepted_count + 1 WHERE id = ${inv.id}`);
    const community = { slug: inv.community_slug, name: inv.community_name };
    if (!user.emailVerified) return { status: 'pending_verification' as const, community };
    if (await join(tx, inv.community_id, user.id)) {
      await tx.execute(sql`UPDATE invitation_acceptances SET joined_at = now() WHERE invitation_id = ${inv.id} AND user_id = ${user.id}`);
    }
    return { status: 'joined' as const, community };
  });
}

/**
 * Called in the transaction that verifies an address: the invitations this person accepted while
 * unverified now make them a member (of open communities, unless the invitation was revoked meanwhile).
 */
export async function completePendingInvitations(tx: DbOrTx, userId: number): Promise<void> {
  const { rows } = await tx.execute<{ invitation_id: number; community_id: number }>(sql`
    SELECT a.invitation_id, i.community_id FROM invitation_acceptances a
      JOIN invitations i ON i.id = a.invitation_id AND i.revoked_at IS NULL
      JOIN communities c ON c.id = i.community_id AND c.status = 'open'
     WHERE a.user_id = ${userId} AND a.joined_at IS NULL
     FOR UPDATE OF a`);
  const joined = new Set<number>();
  for (const r of rows) {
    // One membership per community even if two invitations to it were accepted; each stays credited once.
    if (joined.has(r.community_id)) continue;
    joined.add(r.community_id);
    if (await join(tx, r.community_id, userId)) {
      await tx.execute(sql`UPDATE invitation_acceptances SET joined_at = now() WHERE invitation_id = ${r.invitation_id} AND user_id = ${userId}`);
    }
  }
}
