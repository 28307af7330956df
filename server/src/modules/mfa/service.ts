import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { mfaRecoveryCodes, mfaTotp } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { Config } from '../../config.js';
import { endOtherSessions } from '../accounts/devices.js';
import { decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './crypto.js';
import { assertAttemptsLeft, countFailedAttempt } from './attempts.js';
import { loadStatus } from './status.js';
import { enrolmentView, matchingStep, newTotpSecret, type TotpEnrolment } from './totp.js';

/** What the second-factor services use: the database, and the secret the authenticator secrets are encrypted with. */
export interface MfaDeps { db: Db; config: Pick<Config, 'secret'> }

/** Demo accounts are shared by every visitor: one enrolling a factor would lock the next one out. */
async function refuseDemo(db: DbOrTx, userId: number): Promise<void> {
  const status = await loadStatus(db, userId);
  if (status.demoAccount) throw new AppError('MFA_DEMO_ACCOUNT');
}

/** Starts (or restarts) enrolling an authenticator app: a new secret, not a factor until a first code confirms it. */
export async function startTotp(deps: MfaDeps, userId: number, email: string): Promise<TotpEnrolment> {
  await refuseDemo(deps.db, userId);
  const secret = newTotpSecret();
  const encrypted = encryptSecret(deps.config.secret, secret);
  const rows = await deps.db.insert(mfaTotp).values({ userId, secretEncrypted: encrypted })
    .onConflictDoUpdate({ target: mfaTotp.userId, set: { secretEncrypted: encrypted, createdAt: sql`now()` }, where: isNull(mfaTotp.confirmedAt) })
    .returning({ userId: mfaTotp.userId });
  if (rows.length === 0) throw new AppError('MFA_TOTP_ALREADY_ENROLLED');
  return enrolmentView(secret, email);
}

async function insertRecoveryCodes(tx: DbOrTx, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx.insert(mfaRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/**
 * A person's first factor comes with their recovery codes (returned once, in clear, never again); a later
 * factor keeps the codes they already hold.
 */
export async function recoveryCodesForFirstFactor(tx: DbOrTx, userId: number): Promise<string[] | null> {
  const [left] = await tx.select({ n: sql<number>`count(*)::int` }).from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return (left?.n ?? 0) > 0 ? null : insertRecoveryCodes(tx, userId);
}

/**
 * Confirms the enrolment with a first code from the app. The code's step is remembered, so it cannot be
 * used again to sign in; the person's other sessions end (`keepSession`: the current one, or '' for none).
 */
export async function confirmTotp(deps: MfaDeps, userId: number, code: string, keepSession: string): Promise<{ recoveryCodes: string[] | null }> {
  await assertAttemptsLeft(deps, userId);
  const [row] = await deps.db.select().from(mfaTotp).where(and(eq(mfaTotp.userId, userId), isNull(mfaTotp.confirmedAt)));
  if (!row) throw new AppError('MFA_ENROLMENT_NOT_STARTED');
  const step = matchingStep(decryptSecret(deps.config.secret, row.secretEncrypted), code);
  if (step === null) {
    await countFailedAttempt(deps, userId);
    throw new AppError('MFA_INVALID_CODE', undefined, { code: 'Code incorrect : vérifiez l’heure de votre téléphone et saisissez le code affiché.' });
  }
  return deps.db.transaction(async (tx) => {
    const done = await tx.update(mfaTotp).set({ confirmedAt: sql`now()`, lastUsedStep: step })
      .where(and(eq(mfaTotp.userId, userId), isNull(mfaTotp.confirmedAt))).returning({ userId: mfaTotp.userId });
    if (done.length === 0) throw new AppError('MFA_ENROLMENT_NOT_STARTED');
    const recoveryCodes = await recoveryCodesForFirstFactor(tx, userId);
    await endOtherSessions(tx, userId, keepSession);
    return { recoveryCodes };
  });
}

/** Without any factor left, the recovery codes go too: they are the spare key of factors that no longer exist. */
export async function dropRecoveryCodesWithoutFactor(tx: DbOrTx, userId: number): Promise<void> {
  await tx.execute(sql`
    DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}
       AND NOT EXISTS (SELECT 1 FROM mfa_totp WHERE user_id = ${userId} AND confirmed_at IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM mfa_passkeys WHERE user_id = ${userId})`);
}

export async function removeTotp(deps: MfaDeps, userId: number, keepSession: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(mfaTotp).where(eq(mfaTotp.userId, userId)).returning({ confirmedAt: mfaTotp.confirmedAt });
    if (!gone[0]?.confirmedAt) return;
    await dropRecoveryCodesWithoutFactor(tx, userId);
    await endOtherSessions(tx, userId, keepSession);
  });
}

/** New codes replace all the old ones, used or not. Only for a person who has a factor. */
export async function regenerateRecoveryCodes(deps: MfaDeps, userId: number, keepSession: string): Promise<string[]> {
  const status = await loadStatus(deps.db, userId);
  if (!status.hasFactor) throw new AppError('MFA_NO_FACTOR');
  return deps.db.transaction(async (tx) => {
    const codes = await insertRecoveryCodes(tx, userId);
    await endOtherSessions(tx, userId, keepSession);
    return codes;
  });
}

/** Accepts a code from the app once: the UPDATE only succeeds for a step later than the last one used. */
async function useTotp(deps: MfaDeps, userId: number, code: string): Promise<boolean> {
  const [row] = await deps.db.select().from(mfaTotp).where(and(eq(mfaTotp.userId, userId), sql`${mfaTotp.confirmedAt} IS NOT NULL`));
  if (!row) return false;
  const step = matchingStep(decryptSecret(deps.config.secret, row.secretEncrypted), code);
  if (step === null) return false;
  const used = await deps.db.update(mfaTotp).set({ lastUsedStep: step })
    .where(and(eq(mfaTotp.userId, userId), sql`(${mfaTotp.lastUsedStep} IS NULL OR ${mfaTotp.lastUsedStep} < ${step})`))
    .returning({ userId: mfaTotp.userId });
  return used.length > 0;
}

async function useRecoveryCode(deps: MfaDeps, userId: number, code: string): Promise<boolean> {
  const used = await deps.db.update(mfaRecoveryCodes).set({ usedAt: sql`now()` })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used.length > 0;
}

export type CodeMethod = 'totp' | 'recovery';

/** Checks a code of the person's app or one of their recovery codes (spent on success); counts failures. */
export async function verifyCode(deps: MfaDeps, userId: number, method: CodeMethod, code: string): Promise<void> {
  await assertAttemptsLeft(deps, userId);
  const ok = method === 'totp' ? await useTotp(deps, userId, code) : await useRecoveryCode(deps, userId, code);
  if (ok) return;
  await countFailedAttempt(deps, userId);
  throw new AppError('MFA_INVALID_CODE', undefined, { code: 'Code incorrect, expiré ou déjà utilisé.' });
}

/** A second factor proved in a signed-in session counts as re-authentication (plugins/reauth.ts). */
export async function markReauthenticated(deps: MfaDeps, userId: number, tokenHash: string): Promise<void> {
  await deps.db.execute(sql`UPDATE sessions SET reauthenticated_at = now() WHERE token_hash = ${tokenHash} AND user_id = ${userId}`);
}
