import type { FastifyRequest } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import type { App } from '../types.js';
import { AppError } from './errors.js';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { namedText } from './named-query.js';
import { addressGroup } from './client-address.js';
import { rateLimitRefusals } from './metrics.js';

export interface Limit {
  /** Name of the action, e.g. 'login'. */
  action: string;
  max: number;
  windowSeconds: number;
}

/** Per-action limits; one place so they can be reviewed together. */
export const LIMITS_BY_ACTION = {
  /**
   * Failed sign-ins per client address (IPv6 by /64), successes not counted: a town hall of hundreds of
   * agents behind one address stays well under it. Per-account delays: accounts/login-throttle.ts.
   */
  loginFailuresPerAddress: { action: 'login-ip', max: 300, windowSeconds: 15 * 60 },
  /** A signed-in member typing their password again (change of password, re-authentication). */
  passwordCheck: { action: 'password-check', max: 10, windowSeconds: 15 * 60 },
  /** Typing the password again is guessed at like a login: the budget of `passwordCheck`, per member, for each route. */
  reauth: { action: 'reauth', max: 10, windowSeconds: 15 * 60 },
  changePassword: { action: 'change-password', max: 10, windowSeconds: 15 * 60 },
  register: { action: 'register', max: 5, windowSeconds: 60 * 60 },
  passwordReset: { action: 'password-reset', max: 5, windowSeconds: 60 * 60 },
  verifyResend: { action: 'verify-resend', max: 5, windowSeconds: 60 * 60 },
  /** Sending invitations is capped per day in the service (invitations module); this stops bursts of requests on top. */
  invite: { action: 'invite', max: 20, windowSeconds: 60 * 60 },
  /** Opening an invitation by its token: guessing tokens is hopeless (256 bits), but the limit keeps the attempt cheap. */
  invitationView: { action: 'invitation-view', max: 120, windowSeconds: 60 * 60 },
  /** Checking a text for personal data (anonymisation) is cheap but reads the members table: generous, yet bounded. */
  anonymisationDetect: { action: 'anonymisation-detect', max: 300, windowSeconds: 60 * 60 },
  post: { action: 'post', max: 30, windowSeconds: 60 * 60 },
  comment: { action: 'comment', max: 120, windowSeconds: 60 * 60 },
  reaction: { action: 'reaction', max: 600, windowSeconds: 60 * 60 },
  write: { action: 'write', max: 300, windowSeconds: 60 * 60 },
  /** « I have this page's editor open », renewed every minute per open editor: kept apart from `write`. */
  editingPresence: { action: 'editing-presence', max: 600, windowSeconds: 60 * 60 },
  upload: { action: 'upload', max: 60, windowSeconds: 60 * 60 },
  /** Each preview makes the server fetch a page: kept well below the writing budgets. */
  linkPreview: { action: 'link-preview', max: 60, windowSeconds: 60 * 60 },
  /** Exporting one's data reads every table about oneself: a few times an hour is plenty. */
  dataExport: { action: 'data-export', max: 10, windowSeconds: 60 * 60 },
  cguAccept: { action: 'cgu-accept', max: 30, windowSeconds: 60 * 60 },
  flag: { action: 'flag', max: 30, windowSeconds: 60 * 60 },
  moderate: { action: 'moderate', max: 600, windowSeconds: 60 * 60 },
  /** Report exports (PDF, DOCX, CSV): reads, but each one costs a document's layout. */
  export: { action: 'export', max: 120, windowSeconds: 60 * 60 },
  /** Autosaved drafts: a save every few seconds while typing, for hours, stays under it. */
  draft: { action: 'draft', max: 1200, windowSeconds: 60 * 60 },
  /** Bookmarks and « tout marquer comme lu ». */
  reading: { action: 'reading', max: 600, windowSeconds: 60 * 60 },
  // Private messages: a lively conversation stays well under it, a spammer does not.
  message: { action: 'message', max: 120, windowSeconds: 60 * 60 },
  conversation: { action: 'conversation', max: 20, windowSeconds: 60 * 60 },
  /** Posts and comments calling a whole team (`@animation`, `@coordination`): a team is not paged at will. */
  groupMention: { action: 'group-mention', max: 10, windowSeconds: 60 * 60 },
  /** Changes of a group conversation (add people, rename, leave). */
  conversationChange: { action: 'conversation-change', max: 60, windowSeconds: 60 * 60 },
  /** Messages to the reply-by-e-mail listener per envelope sender (reply-mail/listener.ts), whatever becomes of them. */
  replyMail: { action: 'reply-mail', max: 60, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

/**
 * One fixed-window counter row of rate_limits: created at 1, or counted up, or restarted when its window
 * is over. `key` and `windowSeconds` are SQL expressions (placeholders); a NULL key writes nothing.
 * Returns the count and the seconds left in the window.
 */
export function counterUpsert(key: string, windowSeconds: string): string {
  return `INSERT INTO rate_limits (key, count, reset_at)
     SELECT k, 1, now() + make_interval(secs => ${windowSeconds}) FROM (SELECT ${key}::text AS k) v WHERE k IS NOT NULL
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
       reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
     RETURNING count, ceil(extract(epoch FROM reset_at - now()))::int AS retry`;
}

/** counterUpsert inside a Drizzle statement, its key and window as parameters of that statement. */
export function counterUpsertSql(key: string | null, windowSeconds: number): SQL {
  const values: Record<string, unknown> = { '@KEY@': key, '@WINDOW@': windowSeconds };
  const parts = counterUpsert('@KEY@', '@WINDOW@').split(/(@KEY@|@WINDOW@)/u);
  return sql.join(parts.map((part, i) => (i % 2 === 1 ? sql`${values[part]}` : sql.raw(part))));
}

const HIT_SQL = counterUpsert('$1', '$2');

/** One action of one subject against its limit, ready to be counted (alone by `hit`, or inside a larger statement). */
export interface RateHit { action: string; key: string; max: number; windowSeconds: number }

/** `app`: anything with the rate-limit factor of the configuration (the worker's reply-by-e-mail listener has no Fastify instance). */
export function rateHit(app: { config: Pick<App['config'], 'rateLimitFactor'> }, limit: Limit, subject: string): RateHit {
  return { action: limit.action, key: `${limit.action}:${subject}`, max: limit.max * app.config.rateLimitFactor, windowSeconds: limit.windowSeconds };
}

/** RATE_LIMITED (429) when `count` went over the limit; `retry` (seconds) feeds the Retry-After header. */
export function assertUnderLimit(r: RateHit, count: number, retry: number): void {
  if (count <= r.max) return;
  rateLimitRefusals.inc({ action: r.action });
  const minutes = Math.max(1, Math.ceil(retry / 60));
  const err = new AppError('RATE_LIMITED', `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`);
  // Read by the error handler for the Retry-After header: the real wait, not a guess.
  Object.assign(err, { retryAfter: Math.max(1, retry) });
  throw err;
}

/**
 * Fixed-window counter kept in PostgreSQL, so every app instance shares it.
 * Throws RATE_LIMITED (429) once `max` is exceeded within the window.
 * Given the write's transaction (`tx`), the hit is part of it: one commit instead of two,
 * and a write that fails for another reason does not use up the budget.
 */
export async function hit(app: { db: Db; config: Pick<App['config'], 'rateLimitFactor'> }, limit: Limit, subject: string, tx?: DbOrTx): Promise<void> {
  const r = rateHit(app, limit, subject);
  const { count, retry } = await countHit(tx ?? app.db, r);
  assertUnderLimit(r, count, retry);
}

/** Counts one hit of `r` without checking it against the limit (a failure counted after the fact); in `db`'s transaction when it is one. */
export async function countHit(db: DbOrTx, r: RateHit): Promise<{ count: number; retry: number }> {
  const [row] = await namedText<{ count: number; retry: number }>(db, 'rate-limit-hit', HIT_SQL, [r.key, r.windowSeconds]);
  return row!;
}

/**
 * Runs `write` in one transaction of `db`, the rate-limit `hits` it costs counted first in the same transaction:
 * RATE_LIMITED before anything is written, and a write that fails for another reason does not use up the budget.
 */
export function limitedTransaction<T>(db: Db, hits: RateHit[], write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const r of hits) {
      const { count, retry } = await countHit(tx, r);
      assertUnderLimit(r, count, retry);
    }
    return write(tx);
  });
}

/** Where and for whom a write is counted: the database, the rate-limit factor, the subject (`subjectOf`). */
export interface WriteContext { db: Db; config: Pick<App['config'], 'rateLimitFactor'>; subject: string }

/** The write context of a request: its subject, on the primary. */
export function writeContext(app: App, request: FastifyRequest): WriteContext {
  return { db: app.db, config: app.config, subject: subjectOf(request) };
}

/** `limitedTransaction` counting `limits` for `w`'s subject. */
export function limitedWrite<T>(w: WriteContext, limits: Limit[], write: (tx: Tx) => Promise<T>): Promise<T> {
  return limitedTransaction(w.db, limits.map((limit) => rateHit(w, limit, w.subject)), write);
}

/** The subject of a limit: the user when signed in, else the client address (IPv6 by /64). */
export function subjectOf(request: FastifyRequest): string {
  return request.user ? `u${request.user.id}` : `ip${addressGroup(request.ip)}`;
}

