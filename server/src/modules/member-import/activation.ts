import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { hashPassword } from '../../lib/password.js';
import type { App } from '../../types.js';
import { checkNewPassword } from '../accounts/password-rules.js';
import { consumeToken } from '../accounts/service.js';
import { completePendingInvitations } from '../invitations/service.js';
import { recordCguAtRegistration } from '../privacy/cgu.js';

/** The welcome campaign counts the member as activated (no welcome mail is sent any more). */
async function markWelcomeActivated(tx: Tx, userId: number): Promise<void> {
  await tx.execute(sql`
    UPDATE import_welcomes SET status = 'activated', activated_at = now()
     WHERE user_id = ${userId} AND status <> 'activated'`);
}

/**
 * Everything that makes an imported account a usable one, once the mailbox is proved (link followed, or the
 * address vouched for by ProConnect): verified, its CGU acceptance recorded (the form or the ProConnect page
 * requires it), invitations accepted meanwhile taking effect, and the welcome campaign counting it activated.
 */
async function finishActivation(tx: Tx, userId: number): Promise<void> {
  await recordCguAtRegistration(tx, userId);
  await completePendingInvitations(tx, userId);
  await markWelcomeActivated(tx, userId);
}

/** The first-sign-in link: sets the chosen password and activates the account. Returns its id. */
export async function activateAccount(app: App, token: string, password: string): Promise<number> {
  // Checked before the token is spent, so a refused password does not burn the link.
  checkNewPassword(password);
  const passwordHash = await hashPassword(password);
  return app.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'activate_account');
    await tx.execute(sql`
      UPDATE users SET password_hash = ${passwordHash}, email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
       WHERE id = ${userId}`);
    await finishActivation(tx, userId);
    return userId;
  });
}

/**
 * ProConnect's held identity has the address of an imported account nobody activated: the platform sent that
 * account nothing yet, so the address ProConnect verified is the proof. Activates it (the person has just
 * accepted the CGU on the ProConnect page) and returns its id for linking; null when there is no such account.
 */
export async function claimImportedAccount(tx: Tx, email: string): Promise<number | null> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    UPDATE users SET email_verified_at = now(), updated_at = now()
     WHERE email = ${email} AND imported_at IS NOT NULL AND email_verified_at IS NULL AND deleted_at IS NULL AND banned_at IS NULL
     RETURNING id`);
  const userId = rows[0] ? Number(rows[0].id) : null;
  if (userId !== null) await finishActivation(tx, userId);
  return userId;
}
