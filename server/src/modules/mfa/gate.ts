import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { mfaPendingSignIns, users } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { closeSession, openSession } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { loadUser } from '../accounts/service.js';
import { presentUserSelf } from '../accounts/presenters.js';
import { rememberIdToken } from '../sso/service.js';
import { rememberDevice } from '../accounts/login-throttle.js';
import { notifyNewDevice } from '../accounts/devices.js';
import { loadStatus, type MfaStatus } from './status.js';

/** Time to type the code after the password (and to enrol, after the grace period). */
const PENDING_MINUTES = 15;

/**
 * Authentication methods (RFC 8176 `amr` values, and ProConnect's) that are a second factor or a phishing-
 * resistant key: an id_token listing one of them, or `mfa`, satisfies the rule without asking again.
 * `pwd`, `mail` (a link or code by e-mail) and `kba` alone do not.
 */
const SECOND_FACTOR_AMR = new Set(['mfa', 'otp', 'totp', 'hwk', 'swk', 'sms', 'tel', 'pop', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm']);

export function amrHasSecondFactor(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((v) => typeof v === 'string' && SECOND_FACTOR_AMR.has(v.toLowerCase()));
}

/** The `amr` claim of an id_token that openid-client has already verified (signature, issuer, audience, nonce). */
export function amrOfIdToken(idToken: string): unknown {
  try {
    return (JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { amr?: unknown }).amr;
  } catch {
    return undefined;
  }
}

export function mfaRequired(config: Config, status: MfaStatus): boolean {
  if (status.demoAccount) return false;
  return config.mfaRequiredFor === 'all' || (config.mfaRequiredFor === 'staff' && status.staff);
}

export function graceEndsAt(config: Config, status: MfaStatus): Date | null {
  return status.graceStartedAt ? new Date(status.graceStartedAt.getTime() + config.mfaGraceDays * 86_400_000) : null;
}

export type SignInDecision = { step: 'open' } | { step: 'verify' | 'enrol' };

/**
 * The second-factor rule, applied when a password (or ProConnect) sign-in succeeded:
 * - demo accounts (seed only) and a ProConnect sign-in whose `amr` shows a second factor: session opens;
 * - a person with a factor (app or passkey) is asked for it, whoever they are;
 * - a person who must use one (MFA_REQUIRED_FOR) and has none: the first such sign-in starts the grace period
 *   (MFA_GRACE_DAYS), during which the session opens; after it, only enrolling opens a session.
 */
export async function decideSignIn(app: App, userId: number, proconnectAmr?: unknown): Promise<SignInDecision> {
  const status = await loadStatus(app.db, userId);
  if (status.demoAccount) return { step: 'open' };
  if (proconnectAmr !== undefined && amrHasSecondFactor(proconnectAmr)) return { step: 'open' };
  if (status.hasFactor) return { step: 'verify' };
  if (!mfaRequired(app.config, status)) return { step: 'open' };
  if (!status.graceStartedAt) {
    await app.db.update(users).set({ mfaGraceStartedAt: sql`coalesce(${users.mfaGraceStartedAt}, now())` }).where(eq(users.id, userId));
    return { step: 'open' };
  }
  return Date.now() < graceEndsAt(app.config, status)!.getTime() ? { step: 'open' } : { step: 'enrol' };
}

const pendingCookie = (config: Config) => (config.secureCookies ? '__Host-ecom_mfa' : 'ecom_mfa');

export interface PendingInput {
  userId: number; step: 'verify' | 'enrol'; method: 'password' | 'proconnect'; idToken?: string; next?: string;
  /** Whether this browser was unknown to the account (accounts/login-throttle.ts) when the first step passed. */
  newDevice: boolean;
}

/** Holds the half-done sign-in (no session yet) and binds it to this browser. */
export async function holdSignIn(app: App, request: FastifyRequest, reply: FastifyReply, input: PendingInput): Promise<void> {
  // A sign-in replaces whatever session the browser had, as a password sign-in does.
  if (request.session) await closeSession(app, request, reply);
  const id = newToken();
  // Abandoned half sign-ins are swept here (indexed): signing in is rare enough.
  await app.db.delete(mfaPendingSignIns).where(sql`${mfaPendingSignIns.expiresAt} < now()`);
  await app.db.insert(mfaPendingSignIns).values({
    idHash: hashToken(id), userId: input.userId, step: input.step, method: input.method, idToken: input.idToken ?? null,
    next: input.next ?? '/', newDevice: input.newDevice, expiresAt: sql`now() + make_interval(mins => ${PENDING_MINUTES})`,
  });
  reply.setCookie(pendingCookie(app.config), id, {
    path: '/', httpOnly: true, secure: app.config.secureCookies, sameSite: 'lax', maxAge: PENDING_MINUTES * 60,
  });
}

export type PendingSignIn = typeof mfaPendingSignIns.$inferSelect;

/** The half-done sign-in of this browser, at the expected step, or MFA_SIGN_IN_EXPIRED. */
export async function loadPending(app: App, request: FastifyRequest, step?: 'verify' | 'enrol'): Promise<PendingSignIn> {
  const id = request.cookies[pendingCookie(app.config)];
  const [row] = id
    ? await app.db.select().from(mfaPendingSignIns)
      .where(and(eq(mfaPendingSignIns.idHash, hashToken(id)), sql`${mfaPendingSignIns.expiresAt} > now()`))
    : [];
  if (!row || (step && row.step !== step)) throw new AppError('MFA_SIGN_IN_EXPIRED');
  return row;
}

/** Owner key of the pending sign-in's WebAuthn challenge. */
export const pendingOwner = (pending: PendingSignIn) => `pending:${pending.idHash}`;

/**
 * The second factor was given (or enrolled): the pending row is spent (a second use finds nothing) and the
 * session opens, remembering ProConnect's id_token for logout.
 */
export async function completeSignIn(app: App, request: FastifyRequest, reply: FastifyReply, pending: PendingSignIn) {
  const spent = await app.db.delete(mfaPendingSignIns).where(eq(mfaPendingSignIns.idHash, pending.idHash)).returning({ userId: mfaPendingSignIns.userId });
  if (spent.length === 0) throw new AppError('MFA_SIGN_IN_EXPIRED');
  reply.clearCookie(pendingCookie(app.config), { path: '/' });
  const csrfToken = await openSession(app, request, reply, pending.userId, pending.method === 'proconnect' ? 'proconnect' : 'password');
  if (pending.method === 'proconnect') {
    if (pending.idToken) await rememberIdToken(app, pending.userId, csrfToken, pending.idToken);
    // A password sign-in remembered the browser at the first step (login-throttle.ts); ProConnect does it here.
    await rememberDevice(app, request, reply, pending.userId);
  }
  // « Mes appareils »: the new browser is announced once the sign-in is complete, as without a second factor.
  if (pending.newDevice) await notifyNewDevice(app, request, pending.userId, pending.method === 'proconnect' ? 'proconnect' : 'password');
  return { user: presentUserSelf(await loadUser(app.db, pending.userId)), csrfToken, next: pending.next };
}

export async function cancelSignIn(app: App, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const id = request.cookies[pendingCookie(app.config)];
  if (id) await app.db.delete(mfaPendingSignIns).where(eq(mfaPendingSignIns.idHash, hashToken(id)));
  reply.clearCookie(pendingCookie(app.config), { path: '/' });
}
