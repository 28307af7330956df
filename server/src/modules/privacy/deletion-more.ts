import { sql } from 'drizzle-orm';
import { PARIS } from '../../../../common/time/index.js';
import type { Tx } from '../../db/client.js';

/** Tables whose rows are the member's alone and mean nothing once the account is gone. */
const OWN_ROWS = [
  'community_follows', 'dossier_follows', 'member_activity_daily', 'notifications', 'email_preferences', 'digest_deliveries',
  'post_notices', 'member_settings', 'oidc_identities', 'network_event_registrations', 'invitation_acceptances',
  'animator_targets', 'conversation_members', 'mfa_totp', 'mfa_recovery_codes', 'mfa_passkeys', 'mfa_pending_sign_ins',
  'import_welcomes', 'survey_participants', 'drafts', 'bookmarks', 'post_reads', 'community_visits',
  // Named survey answers (cascading to survey_answers); anonymous ones have no user and stay in the totals.
  'survey_submissions',
] as const;

/**
 * The part of account deletion beyond identity, sign-in and community content (deletion.ts): settings, traces,
 * private messages, networking, animation. Runs in deletion.ts's transaction. What each table gets is written in
 * the processing register (register/*.ts), which register.test.ts checks against this, table by table.
 */
export async function eraseMore(tx: Tx, userId: number, email: string, deleteContent: boolean): Promise<void> {
  for (const table of OWN_ROWS) await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE user_id = ${userId}`);
  // The import mapping stays so that a later import does not bring the account back; the old profile address goes.
  await tx.execute(sql`UPDATE exchange_mappings SET old_url = NULL WHERE kind = 'member' AND local_id = ${userId}`);
  await tx.execute(sql`DELETE FROM old_addresses WHERE new_path = ${`/membres/${userId}`}`);
  await tx.execute(sql`DELETE FROM member_blocks WHERE blocker_id = ${userId} OR blocked_id = ${userId}`);
  // Same rule as flags: pending reports go, handled ones stay in the figures without the reporter's words.
  await tx.execute(sql`DELETE FROM message_reports WHERE reporter_id = ${userId} AND status = 'pending'`);
  await tx.execute(sql`UPDATE message_reports SET comment = '' WHERE reporter_id = ${userId}`);
  // Invitations still waiting at the member's address would send them mail again; accepted ones are the inviter's figures.
  await tx.execute(sql`DELETE FROM invitations WHERE kind = 'email' AND lower(email) = ${email} AND accepted_count = 0`);
  await tx.execute(sql`DELETE FROM planned_posts WHERE author_id = ${userId} AND status IN ('draft', 'scheduled')`);
  // Past weeks are the service's history; weeks to come would name someone who will not be there.
  await tx.execute(sql`
    DELETE FROM duty_roster WHERE animator_id = ${userId}
       AND week_start >= date_trunc('week', now() AT TIME ZONE ${PARIS})::date`);
  if (deleteContent) {
    await tx.execute(sql`UPDATE messages SET body = '', removed_at = coalesce(removed_at, now()) WHERE author_id = ${userId}`);
    await tx.execute(sql`UPDATE network_posts SET title = 'Contribution supprimée', body_md = '', body_html = '' WHERE author_id = ${userId}`);
    await tx.execute(sql`UPDATE network_comments SET body_md = '', body_html = '' WHERE author_id = ${userId}`);
  }
}
