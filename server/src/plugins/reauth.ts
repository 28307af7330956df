import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { App } from '../types.js';
import { AppError } from '../lib/errors.js';

/** How long a proof of identity lets sensitive actions through. */
export const REAUTH_MINUTES = 10;

const recent = (at: Date | null) => at !== null && Date.now() - at.getTime() < REAUTH_MINUTES * 60_000;

/**
 * Whether the session proved who its person is in the last REAUTH_MINUTES. The proof is whatever set
 * `sessions.reauthenticated_at`: the sign-in, the password typed again (POST /auth/reauth), or a second factor
 * (mfa module: POST /auth/reauth/second-factor and /auth/reauth/passkey). The session cache may hold an older value than another
 * instance wrote: when it looks stale, the database decides.
 */
async function recentlyAuthenticated(app: App, request: FastifyRequest): Promise<boolean> {
  const session = request.session!;
  if (recent(session.reauthenticatedAt)) return true;
  const { rows } = await app.pool.query<{ reauthenticated_at: Date | null }>(
    'SELECT reauthenticated_at FROM sessions WHERE token_hash = $1', [session.tokenHash],
  );
  session.reauthenticatedAt = rows[0]?.reauthenticated_at ?? null;
  return recent(session.reauthenticatedAt);
}

/**
 * Sensitive staff actions (validating a service statement, giving roles, editing legal pages) declare
 * `config: { reauth: true }`; this one hook refuses them with REAUTH_REQUIRED (403) when the session's last
 * proof of identity is too old. Anonymous requests go on to the route, which answers 401.
 */
export default fp(async function reauthPlugin(app: App) {
  // Before validation: the person is asked to confirm before anything else is said about the request.
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.config?.reauth || !request.user || !request.session) return;
    if (!(await recentlyAuthenticated(app, request))) throw new AppError('REAUTH_REQUIRED');
  });
}, { name: 'reauth' });
