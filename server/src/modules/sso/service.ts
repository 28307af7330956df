import { and, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { oidcFlows, oidcIdentities, oidcSessions, users } from '../../db/schema/index.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { hashPassword } from '../../lib/password.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { App } from '../../types.js';
import { recordCguAtRegistration } from '../privacy/cgu.js';
import { resendVerification } from '../accounts/service.js';
import { CLAIMS_REQUEST, providerError, SCOPES, type OidcClient } from './client.js';
import { assertAllowed, claimsFrom, type ProConnectClaims } from './claims.js';
import { claimImportedAccount } from '../member-import/activation.js';
import { awaitingActivation } from '../accounts/queries.js';

/** Time to come back from the provider, then time to read and accept the CGU on a first sign-in. */
const FLOW_MINUTES = 10;
const SIGNUP_MINUTES = 30;

/** What the ProConnect services use: the database, the public address (callback, logout return), a logger. */
export interface SsoDeps { db: Db; config: Pick<App['config'], 'publicUrl'>; log: Pick<App['log'], 'warn'> }

export function callbackUrl(deps: SsoDeps): string {
  return `${deps.config.publicUrl}/api/auth/oidc/callback`;
}

/**
 * Starts a sign-in: returns the browser-binding flow id (for the cookie) and the provider URL to go to.
 * A 'reauth' flow (sso/reauth.ts) makes the provider ask the person to authenticate again, whatever session they have there.
 */
export async function startFlow(deps: SsoDeps, client: OidcClient, next: string, purpose: FlowPurpose = 'sign-in'): Promise<{ flowId: string; url: string }> {
  const config = await client.configuration();
  const flowId = newToken();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(deps), scope: SCOPES, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
    acr_values: client.settings.acrValues, claims: CLAIMS_REQUEST,
    ...(purpose === 'reauth' ? { prompt: 'login', max_age: '0' } : {}),
  });
  // Abandoned flows are swept here rather than by a job: starting a sign-in is rare enough.
  await deps.db.delete(oidcFlows).where(sql`${oidcFlows.expiresAt} < now()`);
  await deps.db.insert(oidcFlows).values({
    idHash: hashToken(flowId), state, nonce, codeVerifier, next, purpose,
    expiresAt: sql`now() + make_interval(mins => ${FLOW_MINUTES})`,
  });
  return { flowId, url: url.href };
}

export type FlowPurpose = 'sign-in' | 'reauth';

/**
 * `amr` (how the person authenticated at ProConnect, e.g. ['pwd'] or ['totp', 'mfa']) is given with a
 * sign-in; for a sign-up or a link it is held with the claims (ProConnectClaims.amr) and returned when done.
 */
export type FlowResult =
  | { kind: 'signed-in'; userId: number; idToken: string; next: string; amr: string[] }
  | { kind: 'reauth'; sub: string; idpId: string; next: string }
  | { kind: 'signup' | 'link'; flowId: string };

/**
 * Finishes the sign-in the provider sent back. The flow row is deleted as it is read, so a replayed
 * callback finds nothing; the state must match the one this browser started with, and the library
 * checks PKCE, the nonce, the id_token's signature, issuer, audience and lifetime.
 */
export async function finishFlow(deps: SsoDeps, client: OidcClient, flowId: string | undefined, currentUrl: URL): Promise<FlowResult> {
  const [flow] = flowId
    ? await deps.db.delete(oidcFlows).where(and(eq(oidcFlows.idHash, hashToken(flowId)), isNull(oidcFlows.claims), sql`${oidcFlows.expiresAt} > now()`)).returning()
    : [];
  if (!flow) throw new AppError('OIDC_FLOW_EXPIRED');
  const params = currentUrl.searchParams;
  if (params.get('state') !== flow.state) throw new AppError('OIDC_STATE_MISMATCH');
  if (params.get('error') === 'access_denied') throw new AppError('OIDC_ACCESS_DENIED');
  const config = await client.configuration();
  let claims: ProConnectClaims;
  let idToken: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      // A re-authentication counts only if the person authenticated after it was asked for (auth_time).
      ...(flow.purpose === 'reauth' ? { maxAge: Math.ceil((Date.now() - flow.expiresAt.getTime()) / 1000) + FLOW_MINUTES * 60 } : {}),
    });
    idToken = tokens.id_token!;
    const idClaims = tokens.claims()!;
    claims = claimsFrom(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub), idClaims);
  } catch (err) {
    throw providerError(err);
  }
  // Before anything is signed in, held or linked.
  assertAllowed(client.settings, claims);
  if (flow.purpose === 'reauth') return { kind: 'reauth', sub: claims.sub, idpId: claims.idpId, next: flow.next };
  const userId = await signInKnown(deps, claims);
  if (userId !== null) return { kind: 'signed-in', userId, idToken, next: flow.next, amr: claims.amr };
  const account = await accountByEmail(deps.db, claims.email);
  if (account) assertLinkable(claims, account);
  const heldId = await holdIdentity(deps, claims, idToken, flow.next);
  return { kind: account ? 'link' : 'signup', flowId: heldId };
}

interface LocalAccount { id: number; email: string; firstName: string; emailVerifiedAt: Date | null; bannedAt: Date | null }

/**
 * The account to link, by its address. An imported account nobody activated yet is not one: the sign-up page
 * claims it instead (completeSignup), since it has no password and its address was never confirmed here.
 */
export async function accountByEmail(db: DbOrTx, email: string): Promise<LocalAccount | undefined> {
  const [row] = await db.select({
    id: users.id, email: users.email, firstName: users.firstName, emailVerifiedAt: users.emailVerifiedAt, bannedAt: users.bannedAt,
  }).from(users).where(and(eq(users.email, email), isNull(users.deletedAt), sql`NOT ${awaitingActivation}`));
  return row;
}

/**
 * The same person arriving with an address that already has an account: linking is offered only when both
 * sides vouch for that address (ProConnect, and the account's own confirmation), never otherwise.
 */
export function assertLinkable(claims: ProConnectClaims, account: LocalAccount): void {
  if (claims.emailVerified !== true) throw new AppError('OIDC_EMAIL_UNVERIFIED');
  if (!account.emailVerifiedAt) throw new AppError('OIDC_ACCOUNT_EMAIL_UNVERIFIED');
  if (account.bannedAt) throw new AppError('ACCOUNT_BANNED');
}

/** The account already linked to this (sub, idp_id), its employer data refreshed; null when none. */
async function signInKnown(deps: SsoDeps, claims: ProConnectClaims): Promise<number | null> {
  const [row] = await deps.db.update(oidcIdentities)
    .set({ siret: claims.siret, organisation: claims.organisation, lastSeenAt: sql`now()` })
    .where(and(eq(oidcIdentities.sub, claims.sub), eq(oidcIdentities.idpId, claims.idpId)))
    .returning({ userId: oidcIdentities.userId });
  if (!row) return null;
  const [user] = await deps.db.select({ bannedAt: users.bannedAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, row.userId));
  if (!user || user.deletedAt) throw new AppError('USER_NOT_FOUND');
  if (user.bannedAt) throw new AppError('ACCOUNT_BANNED');
  return row.userId;
}

/**
 * A first sign-in: nothing is created until the person accepts the CGU (new account) or confirms with
 * the password of the account that has this address (link), so an abandoned step leaves nothing behind
 * and an existing account is never taken over silently.
 */
async function holdIdentity(deps: SsoDeps, claims: ProConnectClaims, idToken: string, next: string): Promise<string> {
  const flowId = newToken();
  await deps.db.insert(oidcFlows).values({
    idHash: hashToken(flowId), state: '', nonce: '', codeVerifier: '', next, claims, idToken,
    expiresAt: sql`now() + make_interval(mins => ${SIGNUP_MINUTES})`,
  });
  return flowId;
}

/** An account to link with its password; an imported one awaiting activation is not one (completeSignup claims it). */
export async function accountWithEmail(deps: SsoDeps, email: string): Promise<boolean> {
  const [taken] = await deps.db.select({ id: users.id }).from(users).where(and(eq(users.email, email), sql`NOT ${awaitingActivation}`));
  return taken !== undefined;
}

/** The claims waiting for the CGU or the password, for the sign-up and link pages. */
export async function pendingSignup(deps: SsoDeps, flowId: string | undefined): Promise<{ claims: ProConnectClaims; next: string }> {
  const [flow] = flowId
    ? await deps.db.select().from(oidcFlows)
      .where(and(eq(oidcFlows.idHash, hashToken(flowId)), isNotNull(oidcFlows.claims), sql`${oidcFlows.expiresAt} > now()`))
    : [];
  if (!flow) throw new AppError('OIDC_FLOW_EXPIRED');
  return { claims: flow.claims as ProConnectClaims, next: flow.next };
}

/**
 * Creates the account from the held claims, with its CGU acceptance and identity, in one transaction.
 */
export async function completeSignup(deps: SsoDeps, client: OidcClient, flowId: string | undefined): Promise<Completed & { userId: number }> {
  // No password was chosen: a random one nobody knows; "mot de passe oublié" lets the member set one.
  const passwordHash = await hashPassword(newToken());
  return deps.db.transaction(async (tx) => {
    const [flow] = flowId
      ? await tx.delete(oidcFlows)
        .where(and(eq(oidcFlows.idHash, hashToken(flowId)), isNotNull(oidcFlows.claims), sql`${oidcFlows.expiresAt} > now()`)).returning()
      : [];
    if (!flow) throw new AppError('OIDC_FLOW_EXPIRED');
    const claims = flow.claims as ProConnectClaims;
    assertAllowed(client.settings, claims);
    // member-import: an imported account nobody activated yet is activated and linked instead of a new one,
    // when ProConnect vouches for the address (the platform never sent that account anything).
    const imported = claims.emailVerified === true ? await claimImportedAccount(tx, claims.email) : null;
    const [user] = imported !== null ? [{ id: imported }] : await tx.insert(users).values({
      email: claims.email, passwordHash, firstName: claims.givenName, lastName: claims.usualName,
      employer: claims.organisation ?? '',
      // The identity provider vouches for the professional address, unless it says otherwise.
      emailVerifiedAt: claims.emailVerified === true ? sql`now()` : null,
    }).returning({ id: users.id });
    await recordCguAtRegistration(tx, user!.id);
    await tx.insert(oidcIdentities).values({
      sub: claims.sub, idpId: claims.idpId, userId: user!.id, siret: claims.siret, organisation: claims.organisation,
    });
    return { userId: user!.id, idToken: flow.idToken!, next: flow.next, amr: claims.amr ?? [], emailVerified: claims.emailVerified === true };
  }).then(async ({ emailVerified, ...done }) => {
    // An address the provider did not vouch for is confirmed like any other registration.
    if (!emailVerified) await resendVerification(deps, done.userId);
    return done;
  }, (err: unknown) => {
    if (isUniqueViolation(err, 'users_email_key')) throw new AppError('OIDC_EMAIL_HAS_ACCOUNT');
    if (isUniqueViolation(err)) throw new AppError('OIDC_FLOW_EXPIRED');
    throw err;
  });
}

export interface Completed { idToken: string; next: string; amr: string[] }

/**
 * Links the held identity to the account `userId`, whose owner has just proved it is theirs (its password,
 * checked by the caller with the login limits, or a code sent to its address). Checked again here, in the
 * transaction that spends the held flow: the account still has the held address, and both sides vouch for it.
 */
export async function completeLink(deps: SsoDeps, client: OidcClient, flowId: string | undefined, userId: number): Promise<Completed> {
  return deps.db.transaction(async (tx) => {
    const [flow] = flowId
      ? await tx.delete(oidcFlows)
        .where(and(eq(oidcFlows.idHash, hashToken(flowId)), isNotNull(oidcFlows.claims), sql`${oidcFlows.expiresAt} > now()`)).returning()
      : [];
    if (!flow) throw new AppError('OIDC_FLOW_EXPIRED');
    const claims = flow.claims as ProConnectClaims;
    assertAllowed(client.settings, claims);
    const account = await accountByEmail(tx, claims.email);
    if (!account || account.id !== userId) throw new AppError('OIDC_FLOW_EXPIRED');
    assertLinkable(claims, account);
    await tx.insert(oidcIdentities).values({
      sub: claims.sub, idpId: claims.idpId, userId, siret: claims.siret, organisation: claims.organisation,
    });
    return { idToken: flow.idToken!, next: flow.next, amr: claims.amr ?? [] };
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('OIDC_FLOW_EXPIRED');
    throw err;
  });
}

/** Remembers the id_token of the session just opened (found by its fresh CSRF token), for logout. */
export async function rememberIdToken(deps: SsoDeps, userId: number, csrfToken: string, idToken: string): Promise<void> {
  await deps.db.execute(sql`
    INSERT INTO oidc_sessions (session_token_hash, id_token)
    SELECT token_hash, ${idToken} FROM sessions WHERE user_id = ${userId} AND csrf_token = ${csrfToken}`);
}

/**
 * Where the browser goes to end the ProConnect session too, or null for a password session.
 * Read before the session row is deleted (its oidc_sessions row goes with it).
 */
export async function endSessionUrl(deps: SsoDeps, client: OidcClient | null, sessionTokenHash: string): Promise<string | null> {
  if (!client) return null;
  const [row] = await deps.db.select({ idToken: oidcSessions.idToken }).from(oidcSessions)
    .where(eq(oidcSessions.sessionTokenHash, sessionTokenHash));
  if (!row) return null;
  try {
    const config = await client.configuration();
    return oidc.buildEndSessionUrl(config, {
      id_token_hint: row.idToken, state: oidc.randomState(), post_logout_redirect_uri: `${deps.config.publicUrl}/connexion`,
    }).href;
  } catch (err) {
    // The local session ends anyway; the provider's session will expire on its own.
    deps.log.warn({ err }, 'ProConnect logout URL unavailable');
    return null;
  }
}
