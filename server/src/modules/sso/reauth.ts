import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { maybeOne } from '../../db/query.js';
import { AppError } from '../../lib/errors.js';
import type { App } from '../../types.js';

/**
 * Re-authentication through ProConnect, for members who have no password they know (accounts created
 * through ProConnect): the person signs in again at the provider (prompt=login, max_age=0, auth_time
 * checked), and the identity that comes back must be the one linked to the account of the CURRENT
 * session — which is then marked as recently authenticated (plugins/reauth.ts). No session is opened.
 */
export async function confirmReauth(app: App, request: FastifyRequest, sub: string, idpId: string): Promise<void> {
  if (!request.user || !request.session) throw new AppError('UNAUTHENTICATED');
  const { rowCount } = await app.db.execute(sql`
    UPDATE sessions s SET reauthenticated_at = now()
      FROM oidc_identities i
     WHERE s.token_hash = ${request.session.tokenHash} AND s.user_id = ${request.user.id}
       AND i.user_id = s.user_id AND i.sub = ${sub} AND i.idp_id = ${idpId}`);
  if (!rowCount) throw new AppError('OIDC_REAUTH_OTHER_ACCOUNT');
}

/** Whether the member can confirm who they are with ProConnect (an identity is linked to the account). */
export async function canReauthWithProconnect(db: DbOrTx, userId: number): Promise<boolean> {
  const linked = await maybeOne<{ linked: number }>(db, sql`SELECT 1 AS linked FROM oidc_identities WHERE user_id = ${userId} LIMIT 1`);
  return linked !== undefined;
}
