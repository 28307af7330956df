import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { emailTokens, users } from '../../db/schema/index.js';
import { AppError, found, isUniqueViolation } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { App } from '../../types.js';
import { queueMail } from '../mail/events.js';
import { passwordResetMail, verificationMail, welcomeMail } from '../mail/templates.js';
import { emit } from '../../events/bus.js';
import { checkNewPassword } from './password-rules.js';
import { recordCguAtRegistration } from '../privacy/cgu.js';
import { endOtherSessions } from './devices.js';
import { awaitingActivation } from './queries.js';
import { LIMITS } from '../../../../common/limits.js';

type TokenKind = 'verify_email' | 'reset_password' | 'activate_account';
const TOKEN_HOURS: Record<TokenKind, number> = { verify_email: 48, reset_password: 1, activate_account: LIMITS.activationLinkDays * 24 };

// Unknown e-mails are checked against this hash so a failed login takes the same time either way.
// Computed at start-up, so even the first unknown address costs no extra hash.
const dummyHash = hashPassword(newToken());

/** What the account services use: the database, and the public address their e-mails link to. */
export interface AccountDeps { db: Db; config: Pick<App['config'], 'publicUrl'> }

export async function issueToken(tx: DbOrTx, userId: number, kind: TokenKind): Promise<string> {
  // A new link replaces the previous ones: only the latest mail works.
  await tx.delete(emailTokens).where(and(eq(emailTokens.userId, userId), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt)));
  const token = newToken();
  await tx.insert(emailTokens).values({
    tokenHash: hashToken(token), userId, kind, expiresAt: sql`now() + make_interval(hours => ${TOKEN_HOURS[kind]})`,
  });
  return token;
}

/** Marks the token used and returns its user, or throws INVALID_TOKEN. One UPDATE, so it is single-use under races. */
export async function consumeToken(tx: DbOrTx, token: string, kind: TokenKind): Promise<number> {
  const rows = await tx.update(emailTokens).set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt), sql`${emailTokens.expiresAt} > now()`))
    .returning({ userId: emailTokens.userId });
  return found(rows[0], 'INVALID_TOKEN').userId;
}

export async function loadUser(db: DbOrTx, id: number) {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.deletedAt)));
  return found(row, 'USER_NOT_FOUND');
}

export interface RegisterInput {
  email: string; password: string; firstName: string; lastName: string; employer: string; job: string; departement: string;
}

export async function register(deps: AccountDeps, input: RegisterInput): Promise<number> {
  checkNewPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  // The verification mail is queued with the account (mail/events.ts): SMTP never holds the request.
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(users).values({
      email: input.email.trim(), passwordHash, firstName: input.firstName.trim(), lastName: input.lastName.trim(),
      employer: input.employer.trim(), job: input.job.trim(), departement: input.departement,
    }).returning({ id: users.id });
    // The form requires accepting the CGU: which version was accepted is recorded with the account.
    await recordCguAtRegistration(tx, row!.id);
    const token = await issueToken(tx, row!.id, 'verify_email');
    await queueMail(tx, verificationMail(deps.config.publicUrl, input.email.trim(), input.firstName.trim(), token));
    return row!.id;
  }).catch((err: unknown) => {
    if (isUniqueViolation(err, 'users_email_key')) throw new AppError('EMAIL_TAKEN', undefined, { email: 'Adresse déjà utilisée.' });
    throw err;
  });
}

export async function verifyEmail(deps: AccountDeps, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'verify_email');
    await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, userId));
    // Invitations accepted before the address was confirmed take effect now, in the same transaction (invitations).
    await emit(tx, { type: 'user.email_verified', userId });
  });
}

export async function resendVerification(deps: AccountDeps, userId: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const user = await loadUser(tx, userId);
    if (user.emailVerifiedAt) return;
    const token = await issueToken(tx, userId, 'verify_email');
    await queueMail(tx, verificationMail(deps.config.publicUrl, user.email, user.firstName, token));
  });
}

/**
 * Said for every failed password sign-in, whether the address is unknown, the password wrong or the account imported
 * and not activated yet: one answer for all, so that it never tells which addresses have an account.
 */
export const LOGIN_FAILED = 'Adresse électronique ou mot de passe incorrect. Première connexion depuis la reprise de votre '
  + 'e-communauté ? Utilisez le lien d’activation reçu par courriel, ou demandez-en un nouveau avec « Mot de passe oublié ».';

/** Returns the user id, or throws INVALID_CREDENTIALS after the same amount of work. */
export async function authenticate(deps: AccountDeps, email: string, password: string): Promise<number> {
  const [row] = await deps.db.select({ id: users.id, passwordHash: users.passwordHash, bannedAt: users.bannedAt, awaiting: sql<boolean>`${awaitingActivation}` })
    .from(users).where(and(eq(users.email, email.trim()), isNull(users.deletedAt)));
  // An imported account not activated yet has no password to find: it fails like an unknown address, after the
  // same work, and the message (common to every failure) points to the activation link.
  const usable = row && !row.awaiting && row.passwordHash.startsWith('$argon2');
  const ok = await verifyPassword(usable ? row.passwordHash : await dummyHash, password);
  if (!row || !usable || !ok) throw new AppError('INVALID_CREDENTIALS', LOGIN_FAILED);
  // Said only after the right password, so the ban does not reveal that an address has an account.
  if (row.bannedAt) throw new AppError('ACCOUNT_BANNED');
  return row.id;
}

/**
 * The password typed again in a signed-in session: the session counts as recently authenticated
 * (plugins/reauth.ts) from now on. A wrong password says so on the field, without ending the session.
 */
export async function reauthenticate(deps: AccountDeps, userId: number, tokenHash: string, password: string): Promise<void> {
  const user = await loadUser(deps.db, userId);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('INVALID_CREDENTIALS', 'Mot de passe incorrect.', { password: 'Mot de passe incorrect.' });
  }
  await deps.db.execute(sql`UPDATE sessions SET reauthenticated_at = now() WHERE token_hash = ${tokenHash} AND user_id = ${userId}`);
}

export async function requestPasswordReset(deps: AccountDeps, email: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, firstName: users.firstName, awaiting: sql<boolean>`${awaitingActivation}` })
      .from(users).where(and(eq(users.email, email.trim()), isNull(users.deletedAt)));
    if (!user) return;
    // An imported account never activated has no password to reset: it gets its activation link again.
    const kind: TokenKind = user.awaiting ? 'activate_account' : 'reset_password';
    const token = await issueToken(tx, user.id, kind);
    await queueMail(tx, kind === 'activate_account'
      ? welcomeMail(deps.config.publicUrl, user.email, user.firstName, token, LIMITS.activationLinkDays)
      : passwordResetMail(deps.config.publicUrl, user.email, user.firstName, token));
  });
}

export async function confirmPasswordReset(deps: AccountDeps, token: string, password: string): Promise<void> {
  // Checked before the token is spent, so a refused password does not burn the link.
  checkNewPassword(password);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'reset_password');
    // Following the link proves the mailbox is theirs, as verification would.
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()`, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId));
    await endOtherSessions(tx, userId, null);
  });
}

/** Changes the password and closes every other session (a stolen session must not survive it). */
export async function changePassword(deps: AccountDeps, userId: number, current: string, next: string, keepSession: string): Promise<void> {
  const user = await loadUser(deps.db, userId);
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('INVALID_CREDENTIALS', 'Le mot de passe actuel est incorrect.', { currentPassword: 'Mot de passe incorrect.' });
  }
  checkNewPassword(next, 'newPassword');
  const passwordHash = await hashPassword(next);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await endOtherSessions(tx, userId, keepSession);
  });
}

export interface ProfilePatch {
  firstName?: string; lastName?: string; employer?: string; job?: string; departement?: string; bio?: string;
}

export async function updateProfile(deps: AccountDeps, userId: number, patch: ProfilePatch): Promise<void> {
  const values: ProfilePatch = {};
  for (const key of ['firstName', 'lastName', 'employer', 'job', 'departement', 'bio'] as const) {
    const v = patch[key];
    if (v !== undefined) values[key] = v.trim();
  }
  if (Object.keys(values).length === 0) return;
  await deps.db.update(users).set({ ...values, updatedAt: sql`now()` }).where(and(eq(users.id, userId), isNull(users.deletedAt)));
}
