import Bowser from 'bowser';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { maybeOne, rows } from '../../db/query.js';
import { AppError } from '../../lib/errors.js';
import type { App } from '../../types.js';
import { PARIS } from '../../../../common/time/index.js';
import { SESSIONS_LISTED_MAX, SIGN_IN_METHODS, type SignInMethod } from '../../../../common/sessions.js';
import { newDeviceMail } from '../mail/templates.js';
import { queueMail } from '../mail/events.js';

/**
 * « Mes appareils »: the person's open sessions, described from what the browser said of itself
 * (User-Agent, kept at sign-in) — no address is stored — and ended on request.
 */

export interface DeviceDescription {
  browser: string;
  system: string;
}

/** Browser (with its major version) and system named from a User-Agent; French words when it says nothing usable. */
export function describeDevice(userAgent: string): DeviceDescription {
  if (!userAgent) return { browser: 'Navigateur inconnu', system: 'Système inconnu' };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  const browser = parsed.browser.name ? `${parsed.browser.name}${major ? ` ${major}` : ''}` : 'Navigateur inconnu';
  const system = parsed.os.name ? `${parsed.os.name}${parsed.os.versionName ? ` ${parsed.os.versionName}` : ''}` : 'Système inconnu';
  return { browser, system };
}

export interface DeviceSession extends DeviceDescription {
  id: number;
  signInMethod: SignInMethod;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** The person's live sessions, most recently used first (sessions_user_idx), at most SESSIONS_LISTED_MAX. */
export async function listSessions(app: App, userId: number, currentTokenHash: string): Promise<DeviceSession[]> {
  // Timestamps come back as text (db.execute): read as Dates for the answer's ISO form.
  const sessions = await rows<{
    id: number; user_agent: string; sign_in_method: SignInMethod; created_at: string; last_seen_at: string; current: boolean;
  }>(app.db, sql`
    SELECT id, user_agent, sign_in_method, created_at, last_seen_at, token_hash = ${currentTokenHash} AS current
      FROM sessions WHERE user_id = ${userId} AND expires_at > now() AND absolute_expires_at > now()
     ORDER BY token_hash = ${currentTokenHash} DESC, last_seen_at DESC LIMIT ${SESSIONS_LISTED_MAX}`);
  return sessions.map((r) => ({
    id: Number(r.id), ...describeDevice(r.user_agent), signInMethod: r.sign_in_method,
    createdAt: new Date(r.created_at).toISOString(), lastSeenAt: new Date(r.last_seen_at).toISOString(), current: r.current,
  }));
}

/**
 * Ends every session of the person except `keepTokenHash` (null: all of them), inside the caller's
 * transaction. Called when the person asks, when the password changes, and when a second factor is
 * added or removed, so that a stolen session never survives what its owner did to lock it out.
 * The DELETE trigger announces it to every instance's session cache (plugins/session-cache.ts).
 */
export async function endOtherSessions(tx: DbOrTx, userId: number, keepTokenHash: string | null): Promise<number> {
  const result = await tx.execute(keepTokenHash === null
    ? sql`DELETE FROM sessions WHERE user_id = ${userId}`
    : sql`DELETE FROM sessions WHERE user_id = ${userId} AND token_hash <> ${keepTokenHash}`);
  return result.rowCount ?? 0;
}

/** Ends one other session of the person; their current one ends by signing out. */
export async function endSession(app: App, userId: number, sessionId: number, currentTokenHash: string): Promise<void> {
  const result = await app.db.execute(sql`
    DELETE FROM sessions WHERE user_id = ${userId} AND id = ${sessionId} AND token_hash <> ${currentTokenHash}`);
  if (!result.rowCount) throw new AppError('SESSION_NOT_FOUND');
}

const frenchDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, dateStyle: 'long', timeStyle: 'short' });

/**
 * E-mails the person that their account was just signed in to from a browser it was never used from
 * (no remembered-device cookie for it, accounts/login-throttle.ts). Queued (one read, one insert: mail/events.ts)
 * and sent by the worker, so SMTP never delays the sign-in; a failure to queue is logged, never failing it.
 */
export async function notifyNewDevice(app: App, request: FastifyRequest, userId: number, method: SignInMethod): Promise<void> {
  const device = describeDevice(String(request.headers['user-agent'] ?? ''));
  const at = `le ${frenchDateTime.format(new Date())} (heure de Paris)`;
  await (async () => {
    const user = await maybeOne<{ email: string; first_name: string }>(app.db, sql`
      SELECT email, first_name FROM users WHERE id = ${userId} AND deleted_at IS NULL`);
    if (!user) return;
    await queueMail(app.db, newDeviceMail(app.config.publicUrl, user.email, user.first_name, { at, ...device, method: SIGN_IN_METHODS[method] }));
  })().catch((err: unknown) => app.log.error({ err }, 'new-device mail not queued'));
}
