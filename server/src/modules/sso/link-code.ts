import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { oidcFlows } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { hashToken } from '../../lib/tokens.js';
import type { App } from '../../types.js';
import type { OidcClient } from './client.js';
import type { ProConnectClaims } from './claims.js';
import { queueMail } from '../mail/events.js';
import { linkCodeMail } from './mail.js';
import { accountByEmail, assertLinkable, completeLink, pendingSignup, type Completed } from './service.js';

/**
 * Linking by a code e-mailed to the account's address, for the owner who does not remember its password:
 * receiving the code proves the mailbox is theirs, as a password reset would. Six digits, valid 15 minutes,
 * 5 tries (each one counts, right or wrong), only its hash kept; a new code replaces the previous one.
 */
export const LINK_CODE_MINUTES = 15;
export const LINK_CODE_TRIES = 5;

/** Salted with the held flow, so the same code in two flows never has the same hash. */
const codeHash = (flowIdHash: string, code: string) => hashToken(`${flowIdHash}:${code}`);

/** Sends a fresh code to the account that has the held address, once linking it is allowed at all. */
export async function sendLinkCode(app: App, client: OidcClient, flowId: string | undefined): Promise<void> {
  const { claims } = await pendingSignup(app, flowId);
  const account = await accountByEmail(app.db, claims.email);
  if (!account) throw new AppError('OIDC_FLOW_EXPIRED');
  assertLinkable(claims, account);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const idHash = hashToken(flowId!);
  // The code and its mail commit together (sent by the worker within the second, mail/events.ts).
  await app.db.transaction(async (tx) => {
    const [held] = await tx.update(oidcFlows).set({
      linkCodeHash: codeHash(idHash, code), linkCodeAttempts: 0,
      linkCodeExpiresAt: sql`now() + make_interval(mins => ${LINK_CODE_MINUTES})`,
    }).where(and(eq(oidcFlows.idHash, idHash), isNotNull(oidcFlows.claims), sql`${oidcFlows.expiresAt} > now()`))
      .returning({ idHash: oidcFlows.idHash });
    if (!held) throw new AppError('OIDC_FLOW_EXPIRED');
    // Sent to the account's own address (the same as ProConnect's, compared case-insensitively).
    await queueMail(tx, linkCodeMail(app.config.publicUrl, account.email, account.firstName, code, LINK_CODE_MINUTES, client.settings.label));
  });
}

/** Checks the typed code and, when right, links the held identity to the account of its address. */
export async function linkByCode(app: App, client: OidcClient, flowId: string | undefined, code: string): Promise<Completed & { userId: number }> {
  const { claims } = await pendingSignup(app, flowId);
  const idHash = hashToken(flowId!);
  // The try is counted before the comparison, in its own statement: concurrent guesses each spend one.
  const [attempt] = await app.db.update(oidcFlows).set({ linkCodeAttempts: sql`${oidcFlows.linkCodeAttempts} + 1` })
    .where(and(eq(oidcFlows.idHash, idHash), isNotNull(oidcFlows.linkCodeHash)))
    .returning({ hash: oidcFlows.linkCodeHash, tries: oidcFlows.linkCodeAttempts, fresh: sql<boolean>`${oidcFlows.linkCodeExpiresAt} > now()` });
  if (!attempt || !attempt.fresh) throw invalidCode();
  if (attempt.tries > LINK_CODE_TRIES) {
    await app.db.update(oidcFlows).set({ linkCodeHash: null }).where(eq(oidcFlows.idHash, idHash));
    throw new AppError('OIDC_LINK_CODE_EXHAUSTED', undefined, { code: 'Trop d’essais : demandez un nouveau code.' });
  }
  if (!sameHash(attempt.hash!, codeHash(idHash, code.trim()))) throw invalidCode();
  const userId = await accountId(app, claims);
  const done = await completeLink(app, client, flowId, userId);
  return { ...done, userId };
}

async function accountId(app: App, claims: ProConnectClaims): Promise<number> {
  const account = await accountByEmail(app.db, claims.email);
  if (!account) throw new AppError('OIDC_FLOW_EXPIRED');
  return account.id;
}

function invalidCode() {
  return new AppError('OIDC_LINK_CODE_INVALID', undefined, { code: 'Code incorrect ou expiré.' });
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
