import { and, eq, sql } from 'drizzle-orm';
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type AuthenticatorTransportFuture, type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { DbOrTx } from '../../db/client.js';
import { mfaPasskeys, webauthnChallenges } from '../../db/schema/index.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { App } from '../../types.js';
import { endOtherSessions } from '../accounts/devices.js';
import { assertAttemptsLeft, countFailedAttempt } from './attempts.js';
import { dropRecoveryCodesWithoutFactor, recoveryCodesForFirstFactor } from './service.js';
import { loadStatus } from './status.js';

/** A challenge answers within this time, once. */
const CHALLENGE_MINUTES = 5;

/** The relying party is the public site: its host name is the RP ID, its origin the only one accepted. */
function relyingParty(app: App) {
  const url = new URL(app.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'e-communautés' };
}

async function saveChallenge(db: DbOrTx, owner: string, challenge: string): Promise<void> {
  await db.delete(webauthnChallenges).where(sql`${webauthnChallenges.expiresAt} < now()`);
  const expiresAt = sql`now() + make_interval(mins => ${CHALLENGE_MINUTES})`;
  await db.insert(webauthnChallenges).values({ owner, challenge, expiresAt })
    .onConflictDoUpdate({ target: webauthnChallenges.owner, set: { challenge, expiresAt } });
}

/** The challenge issued to this owner, spent as it is read. */
async function takeChallenge(db: DbOrTx, owner: string): Promise<string> {
  const [row] = await db.delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.owner, owner), sql`${webauthnChallenges.expiresAt} > now()`)).returning();
  if (!row) throw new AppError('MFA_PASSKEY_REFUSED');
  return row.challenge;
}

const transports = (list: string[]) => list as AuthenticatorTransportFuture[];

/** Options for navigator.credentials.create(): the person's existing passkeys are excluded. */
export async function registrationOptions(app: App, user: { id: number; email: string; firstName: string; lastName: string }, owner: string) {
  const status = await loadStatus(app.db, user.id);
  if (status.demoAccount) throw new AppError('MFA_DEMO_ACCOUNT');
  const existing = await app.db.select({ id: mfaPasskeys.credentialId, transports: mfaPasskeys.transports })
    .from(mfaPasskeys).where(eq(mfaPasskeys.userId, user.id));
  const { rpID, rpName } = relyingParty(app);
  const options = await generateRegistrationOptions({
    rpName, rpID, userName: user.email, userDisplayName: `${user.firstName} ${user.lastName}`,
    userID: new TextEncoder().encode(`user-${user.id}`),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: transports(c.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await saveChallenge(app.db, owner, options.challenge);
  return options as unknown as Record<string, unknown>;
}

/** Verifies the new credential and stores it under the name the person chose; other sessions end. */
export async function registerPasskey(
  app: App, userId: number, owner: string, name: string, response: unknown, keepSession: string,
): Promise<{ recoveryCodes: string[] | null }> {
  const expectedChallenge = await takeChallenge(app.db, owner);
  const { rpID, origin } = relyingParty(app);
  const verification = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified || !verification.registrationInfo) throw new AppError('MFA_PASSKEY_REFUSED');
  const { credential } = verification.registrationInfo;
  return app.db.transaction(async (tx) => {
    await tx.insert(mfaPasskeys).values({
      userId, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter, transports: credential.transports ?? [], name: name.trim(),
    });
    const recoveryCodes = await recoveryCodesForFirstFactor(tx, userId);
    await endOtherSessions(tx, userId, keepSession);
    return { recoveryCodes };
  }).catch((err: unknown) => {
    if (isUniqueViolation(err, 'mfa_passkeys_credential_key')) throw new AppError('MFA_PASSKEY_REFUSED');
    throw err;
  });
}

/** Options for navigator.credentials.get(), limited to the person's passkeys. */
export async function authenticationOptions(app: App, userId: number, owner: string) {
  const creds = await app.db.select({ id: mfaPasskeys.credentialId, transports: mfaPasskeys.transports })
    .from(mfaPasskeys).where(eq(mfaPasskeys.userId, userId));
  if (creds.length === 0) throw new AppError('MFA_NO_FACTOR');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(app).rpID, userVerification: 'preferred',
    allowCredentials: creds.map((c) => ({ id: c.id, transports: transports(c.transports) })),
  });
  await saveChallenge(app.db, owner, options.challenge);
  return options as unknown as Record<string, unknown>;
}

/** Checks a passkey's signature over this owner's challenge; failures count against the account like codes do. */
export async function verifyPasskey(app: App, userId: number, owner: string, response: { id: string }): Promise<void> {
  await assertAttemptsLeft(app, userId);
  const expectedChallenge = await takeChallenge(app.db, owner);
  const [cred] = await app.db.select().from(mfaPasskeys)
    .where(and(eq(mfaPasskeys.userId, userId), eq(mfaPasskeys.credentialId, response.id)));
  const { rpID, origin } = relyingParty(app);
  const verification = cred ? await verifyAuthenticationResponse({
    response: response as unknown as AuthenticationResponseJSON, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID,
    requireUserVerification: false,
    credential: { id: cred.credentialId, publicKey: new Uint8Array(Buffer.from(cred.publicKey, 'base64url')), counter: cred.counter, transports: transports(cred.transports) },
  }).catch(() => null) : null;
  if (!cred || !verification?.verified) {
    await countFailedAttempt(app, userId);
    throw new AppError('MFA_PASSKEY_REFUSED');
  }
  await app.db.update(mfaPasskeys).set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: sql`now()` })
    .where(eq(mfaPasskeys.id, cred.id));
}

/** Removing is idempotent: a passkey that is not (or no longer) the person's leaves everything as it is. */
export async function removePasskey(app: App, userId: number, passkeyId: number, keepSession: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    const gone = await tx.delete(mfaPasskeys).where(and(eq(mfaPasskeys.id, passkeyId), eq(mfaPasskeys.userId, userId))).returning({ id: mfaPasskeys.id });
    // Already gone (removed from another tab): nothing changed, nothing to end.
    if (gone.length === 0) return;
    await dropRecoveryCodesWithoutFactor(tx, userId);
    await endOtherSessions(tx, userId, keepSession);
  });
}
