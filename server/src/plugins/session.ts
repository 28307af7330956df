import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { App, CurrentUser } from '../types.js';
import { AppError } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { SessionCache, type SessionRow } from './session-cache.js';
import type { SignInMethod } from '../../../common/sessions.js';
import { isSafeMethod } from '../lib/safe-methods.js';

/**
 * Routes that never look at the user. The health check must answer the same with or without a cookie,
 * and must not fail on a session lookup when the database is the very thing it reports on.
 */
const SESSIONLESS_ROUTES = new Set(['/api/health']);

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-ecom_sid' : 'ecom_sid';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether an anonymous write's Origin header names this site: the public URL, or the host the request
 * was sent to. Anything unparsable — `null` (sandboxed frames, privacy-minded browsers), a bare word,
 * a broken URL — is simply not this site, never an exception.
 */
export function sameSiteOrigin(origin: string, publicUrl: string, host: string | undefined): boolean {
  if (origin === publicUrl) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === host;
}

/**
 * Loads the session from its cookie on every API request (from the per-instance cache, else one
 * indexed query joining the user),
 * and enforces CSRF protection on cookie-authenticated writes:
 * the client echoes the session's CSRF token in `X-CSRF-Token`.
 * Anonymous writes (login, registration) are checked by Origin instead.
 */
export default fp(async function sessionPlugin(app: App) {
  const cookieName = sessionCookieName(app.config.secureCookies);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);

  const cache = new SessionCache(app.config.databaseUrl!, app.config.sessionCacheSeconds * 1000, 50_000);
  app.addHook('onReady', () => cache.start());
  app.addHook('onClose', () => cache.close());

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || SESSIONLESS_ROUTES.has(request.routeOptions.url ?? '')) return;
    const token = request.cookies[cookieName];
    if (token) {
      const tokenHash = hashToken(token);
      const row = cache.get(tokenHash) ?? await loadSession(app, cache, tokenHash);
      if (row) {
        request.session = { tokenHash, csrfToken: row.csrf_token, reauthenticatedAt: row.reauthenticated_at };
        request.user = {
          id: row.id, email: row.email, firstName: row.first_name, lastName: row.last_name,
          nationalRole: row.national_role, emailVerified: row.email_verified_at !== null,
        };
        // Sliding expiry, written at most hourly so reads stay read-only; never past the absolute end.
        if (Date.now() - row.last_seen_at.getTime() > 3_600_000) {
          const { rows } = await app.pool.query<{ expires_at: Date }>(
            `UPDATE sessions SET last_seen_at = now(), expires_at = least(now() + make_interval(days => $2), absolute_expires_at)
              WHERE token_hash = $1 RETURNING expires_at`,
            [tokenHash, app.config.sessionDays],
          );
          row.last_seen_at = new Date();
          if (rows[0]) row.expires_at = rows[0].expires_at;
        }
      } else {
        reply.clearCookie(cookieName, { path: '/' });
      }
    }
    if (isSafeMethod(request.method)) return;
    if (request.session) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) throw new AppError('CSRF_FAILED');
    } else {
      const origin = request.headers.origin;
      if (origin !== undefined && !sameSiteOrigin(origin, app.config.publicUrl, request.headers.host)) throw new AppError('CSRF_FAILED');
    }
  });

  // A write may have ended sessions or changed users (here or through a trigger): apply those
  // announcements before answering, so the client's next request never meets a stale session. Content writes
  // declared `sessionNeutral` (the most frequent writes) skip that round trip.
  app.addHook('onSend', async (request) => {
    if (isSafeMethod(request.method) || !request.url.startsWith('/api/') || request.routeOptions.config.sessionNeutral) return;
    await cache.barrier();
  });
});

async function loadSession(app: App, cache: SessionCache, tokenHash: string): Promise<SessionRow | undefined> {
  const mark = cache.mark();
  const { rows } = await app.pool.query<SessionRow>({
    // Named: planned once per connection. Runs on most API requests, where planning costs more than executing.
    name: 'session-load',
    // The absolute end (SESSION_MAX_DAYS after sign-in) is folded into expires_at, so the cache honours it too.
    text: `SELECT s.csrf_token, s.last_seen_at, least(s.expires_at, s.absolute_expires_at) AS expires_at, s.reauthenticated_at,
            u.id, u.email, u.first_name, u.last_name, u.national_role, u.email_verified_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND s.absolute_expires_at > now()
        AND u.deleted_at IS NULL AND u.banned_at IS NULL`,
    values: [tokenHash],
  });
  const row = rows[0];
  if (row) cache.set(tokenHash, row, mark);
  return row;
}

/**
 * Opens a session for the user and sets its cookie. Returns the CSRF token for the client.
 * `method` is how the person proved who they are, shown in « Mes appareils ».
 */
export async function openSession(app: App, request: FastifyRequest, reply: FastifyReply, userId: number, method: SignInMethod): Promise<string> {
  const token = newToken();
  const csrfToken = newToken();
  const days = Math.min(app.config.sessionDays, app.config.sessionMaxDays);
  // Signing in is a proof of identity: the session starts "recently authenticated" (plugins/reauth.ts).
  await app.db.execute(sql`
    INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, absolute_expires_at, reauthenticated_at, user_agent, sign_in_method)
    VALUES (${hashToken(token)}, ${userId}, ${csrfToken}, now() + make_interval(days => ${days}),
            now() + make_interval(days => ${app.config.sessionMaxDays}), now(),
            ${String(request.headers['user-agent'] ?? '').slice(0, 300)}, ${method})`);
  reply.setCookie(sessionCookieName(app.config.secureCookies), token, {
    path: '/',
    httpOnly: true,
    secure: app.config.secureCookies,
    sameSite: 'lax',
    maxAge: days * 86_400,
  });
  return csrfToken;
}

export async function closeSession(app: App, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) await app.db.execute(sql`DELETE FROM sessions WHERE token_hash = ${request.session.tokenHash}`);
  reply.clearCookie(sessionCookieName(app.config.secureCookies), { path: '/' });
}

/** The signed-in person, typed; on a route declaring `config: { auth }` (plugins/route-guards.ts) it cannot fail. */
export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}

/** Writing content needs a verified address, so registrations cannot be used to spam. */
export function requireVerifiedUser(request: FastifyRequest): CurrentUser {
  const user = requireUser(request);
  if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
  return user;
}
