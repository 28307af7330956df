import { sql, type SQL } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { maybeOne, run } from '../../db/query.js';
import type { App } from '../../types.js';
import { AppError } from '../../lib/errors.js';
import { countHit, LIMITS_BY_ACTION, rateHit } from '../../lib/rate-limit.js';
import { addressGroup } from '../../lib/client-address.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { rateLimitRefusals } from '../../lib/metrics.js';

/**
 * Login throttling. Only failures count, so signing in many times never locks anyone out.
 *
 * - Per account (for browsers the account has never signed in from): the first FREE_FAILURES failures are
 *   free, then each attempt waits FIRST_DELAY_S, doubled at every failure, up to MAX_DELAY_S.
 * - Per remembered browser (known_devices, cookie set at each successful sign-in): the same delays, on a
 *   counter of that browser alone, so an attacker's failures elsewhere never delay the owner there.
 * - Per client address (IPv6 by /64): LIMITS_BY_ACTION.loginFailuresPerAddress, sized for a town hall
 *   behind one address; remembered browsers pass it too.
 *
 * The delay is claimed atomically (one UPDATE admits one attempt per delay), so parallel guesses do not
 * slip through together; the attempt is counted when admitted and forgotten again if it succeeds.
 */
const FREE_FAILURES = 5;
const FIRST_DELAY_S = 30;
const MAX_DELAY_S = 15 * 60;
/** A failure counter is forgotten after a day without any attempt. */
const FORGET_S = 24 * 3600;
const DEVICE_DAYS = 365;

export function deviceCookieName(secure: boolean): string {
  return secure ? '__Host-ecom_device' : 'ecom_device';
}

const accountKey = (email: string) => `login-fail:${email.trim().toLowerCase()}`;
const deviceKey = (tokenHash: string) => `login-fail-device:${tokenHash}`;
const addressHit = (app: App, request: FastifyRequest) =>
  rateHit(app, LIMITS_BY_ACTION.loginFailuresPerAddress, `ip${addressGroup(request.ip)}`);

/** Seconds to wait after `count` failures (SQL, on the row's count), the first `free` failures being free. */
const delaySql = (free: number): SQL =>
  sql`CASE WHEN count < ${free}::float8 THEN 0 ELSE least(${sql.raw(String(MAX_DELAY_S))}, ${sql.raw(String(FIRST_DELAY_S))} * power(2, least(count - ${free}::float8, 30))) END`;
/** The time of the last admitted attempt: the row is forgotten FORGET_S after it. */
const LAST_SQL = sql.raw(`(reset_at - make_interval(secs => ${FORGET_S}))`);
const FORGET = sql.raw(String(FORGET_S));

/** Admits one attempt on counter `key` when its delay has passed (0), else says how many seconds are left. */
const claimSql = (key: string, free: number): SQL => sql`
  WITH claimed AS (
    UPDATE rate_limits SET count = count + 1, reset_at = now() + make_interval(secs => ${FORGET})
     WHERE key = ${key} AND reset_at > now() AND ${LAST_SQL} + make_interval(secs => ${delaySql(free)}) <= now()
    RETURNING 0 AS wait),
  fresh AS (
    INSERT INTO rate_limits (key, count, reset_at)
    SELECT ${key}, 1, now() + make_interval(secs => ${FORGET})
     WHERE NOT EXISTS (SELECT 1 FROM claimed)
    ON CONFLICT (key) DO UPDATE SET count = 1, reset_at = EXCLUDED.reset_at WHERE rate_limits.reset_at <= now()
    RETURNING 0 AS wait)
  SELECT wait FROM claimed UNION ALL SELECT wait FROM fresh
  UNION ALL SELECT greatest(1, ceil(extract(epoch FROM ${LAST_SQL} + make_interval(secs => ${delaySql(free)}) - now())))::int
    FROM rate_limits WHERE key = ${key} AND NOT EXISTS (SELECT 1 FROM claimed) AND NOT EXISTS (SELECT 1 FROM fresh)`;

/** `action` labels the refusal in the metrics: login-ip (per address), login-account or login-device. */
function refuse(seconds: number, action: string): never {
  rateLimitRefusals.inc({ action });
  const wait = seconds < 60 ? `${seconds} seconde${seconds > 1 ? 's' : ''}`
    : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) > 1 ? 's' : ''}`;
  const err = new AppError('RATE_LIMITED', `Trop de tentatives de connexion manquées. Réessayez dans ${wait}.`);
  Object.assign(err, { retryAfter: seconds });
  throw err;
}

/** The cookie's token hash when this browser signed in to the account of `email` before, else null. */
async function knownDevice(app: App, request: FastifyRequest, email: string): Promise<string | null> {
  const token = request.cookies[deviceCookieName(app.config.secureCookies)];
  if (!token) return null;
  const tokenHash = hashToken(token);
  const known = await maybeOne<{ known: number }>(app.db, sql`
    SELECT 1 AS known FROM known_devices d JOIN users u ON u.id = d.user_id
     WHERE d.token_hash = ${tokenHash} AND u.email = ${email.trim()} AND u.deleted_at IS NULL`);
  return known ? tokenHash : null;
}

export interface LoginAttempt {
  /** Counter of this attempt: the remembered browser's, else the account's. */
  key: string;
  device: string | null;
}

/** Admits one login attempt or throws RATE_LIMITED (429, Retry-After) with the real wait. */
export async function admitLogin(app: App, request: FastifyRequest, email: string): Promise<LoginAttempt> {
  const device = await knownDevice(app, request, email);
  if (!device) {
    const perAddress = addressHit(app, request);
    const counter = await maybeOne<{ count: number; retry: number }>(app.db, sql`
      SELECT count::int AS count, ceil(extract(epoch FROM reset_at - now()))::int AS retry FROM rate_limits
       WHERE key = ${perAddress.key} AND reset_at > now()`);
    if (counter && counter.count >= perAddress.max) refuse(Math.max(1, counter.retry), 'login-ip');
  }
  const key = device ? deviceKey(device) : accountKey(email);
  const claim = await maybeOne<{ wait: number }>(app.db, claimSql(key, FREE_FAILURES * app.config.rateLimitFactor));
  const wait = claim?.wait ?? 0;
  if (wait > 0) refuse(wait, device ? 'login-device' : 'login-account');
  return { key, device };
}

/** A wrong password: the attempt stays counted on its counter, and on the address's. */
export async function loginFailed(app: App, request: FastifyRequest): Promise<void> {
  const perAddress = addressHit(app, request);
  await countHit(app.db, perAddress);
}

/** The right password: the attempt's counter is forgotten and the browser remembered for the account. */
export async function loginSucceeded(app: App, request: FastifyRequest, reply: FastifyReply, attempt: LoginAttempt, userId: number): Promise<void> {
  await rememberDevice(app, request, reply, userId, attempt.key);
}

/** Whether this browser's remembered-device cookie was set by a sign-in to this account (« appareil connu »). */
export async function isKnownDevice(app: App, request: FastifyRequest, userId: number): Promise<boolean> {
  const token = request.cookies[deviceCookieName(app.config.secureCookies)];
  if (!token) return false;
  const known = await maybeOne<{ known: number }>(app.db, sql`
    SELECT 1 AS known FROM known_devices WHERE token_hash = ${hashToken(token)} AND user_id = ${userId}`);
  return known !== undefined;
}

/**
 * Remembers this browser for the account (any way of signing in), forgetting the failure counter `forgetKey`
 * when given: later failures from it wait on their own counter, and later sign-ins from it are not "new devices".
 */
export async function rememberDevice(app: App, request: FastifyRequest, reply: FastifyReply, userId: number, forgetKey = ''): Promise<void> {
  const name = deviceCookieName(app.config.secureCookies);
  // One token per browser, remembered for each account signed in from it.
  const token = request.cookies[name] && /^[\w-]{43}$/.test(request.cookies[name]) ? request.cookies[name] : newToken();
  await run(app.db, sql`
    WITH forget AS (DELETE FROM rate_limits WHERE key = ${forgetKey}),
         old AS (DELETE FROM known_devices WHERE user_id = ${userId} AND last_used_at < now() - make_interval(days => ${DEVICE_DAYS}))
    INSERT INTO known_devices (token_hash, user_id) VALUES (${hashToken(token)}, ${userId})
    ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = now()`);
  reply.setCookie(name, token, {
    path: '/', httpOnly: true, secure: app.config.secureCookies, sameSite: 'lax', maxAge: DEVICE_DAYS * 86_400,
  });
}
