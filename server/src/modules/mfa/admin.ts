import { eq, sql } from 'drizzle-orm';
import { mfaPasskeys, mfaRecoveryCodes, mfaTotp, users } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { App } from '../../types.js';
import { endOtherSessions } from '../accounts/devices.js';
import { queueMail } from '../mail/events.js';
import { mfaResetMail } from '../mail/templates.js';

/**
 * A national admin removes every second factor of a person (lost phone or key): in one transaction the
 * factors go, every session of the person ends, and the audit log records who did it; the person is told
 * by e-mail. Their grace period is not restarted: at the next sign-in they enrol again if they must.
 */
export async function resetFactors(app: App, actorId: number, userId: number): Promise<void> {
  await app.db.transaction(async (tx) => {
    const [row] = await tx.select({ email: users.email, firstName: users.firstName }).from(users)
      .where(sql`${users.id} = ${userId} AND ${users.deletedAt} IS NULL`);
    if (!row) throw new AppError('USER_NOT_FOUND');
    const totp = await tx.delete(mfaTotp).where(eq(mfaTotp.userId, userId)).returning({ confirmedAt: mfaTotp.confirmedAt });
    const passkeys = await tx.delete(mfaPasskeys).where(eq(mfaPasskeys.userId, userId)).returning({ id: mfaPasskeys.id });
    const codes = await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId)).returning({ id: mfaRecoveryCodes.id });
    await endOtherSessions(tx, userId, null);
    const before = { totp: totp.some((t) => t.confirmedAt !== null), passkeys: passkeys.length, recoveryCodes: codes.length };
    await tx.execute(sql`
      INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, target_user_id, message, before, after)
      VALUES (NULL, ${actorId}, 'mfa_reset', 'user', ${userId}, ${userId}, 'Seconds facteurs réinitialisés',
              ${JSON.stringify(before)}::jsonb, ${JSON.stringify({ totp: false, passkeys: 0, recoveryCodes: 0 })}::jsonb)`);
    // Told in the same transaction: the reset and its mail commit together (sent by the worker, mail/events.ts).
    await queueMail(tx, mfaResetMail(app.config.publicUrl, row.email, row.firstName));
  });
}
