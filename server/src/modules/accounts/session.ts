import type { FastifyReply, FastifyRequest } from 'fastify';
import { closeSession, openSession } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { presentUserSelf } from './presenters.js';
import { loadUser } from './service.js';

/**
 * Opens a password session (registration, or a sign-in the second-factor rule let through) and answers with the
 * person and the CSRF token. Replaces any current session, so a session id never survives a change of identity.
 */
export async function openPasswordSession(app: App, request: FastifyRequest, reply: FastifyReply, userId: number) {
  if (request.session) await closeSession(app, request, reply);
  const csrfToken = await openSession(app, request, reply, userId, 'password');
  return { user: presentUserSelf(await loadUser(app.db, userId)), csrfToken };
}
