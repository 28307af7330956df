import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

/**
 * What accounts, sign-in and ProConnect need to know about imported members, with no import of their own
 * modules (so they can call it without a cycle).
 *
 * An account awaits activation when an import created it (imported_at) and nobody has proved the mailbox yet:
 * the activation link, a password reset or ProConnect set email_verified_at.
 */
export const awaitingActivation = sql`(${users.importedAt} IS NOT NULL AND ${users.emailVerifiedAt} IS NULL)`;

/** The welcome campaign counts the member as activated (no welcome mail is sent any more). */
export async function markWelcomeActivated(tx: DbOrTx, userId: number): Promise<void> {
  await tx.execute(sql`
    UPDATE import_welcomes SET status = 'activated', activated_at = now()
     WHERE user_id = ${userId} AND status <> 'activated'`);
}
