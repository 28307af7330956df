import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { closeSession, openSession } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { isKnownDevice, rememberDevice } from '../accounts/login-throttle.js';
import { notifyNewDevice } from '../accounts/devices.js';
import { OidcClient } from './client.js';
import { recordSecurityEvent } from './audit.js';
import { rememberIdToken } from './service.js';

/**
 * The browser's side of a ProConnect round trip, shared by the ProConnect routes (routes.ts) and the sign-in
 * routes above them (sign-in/proconnect-routes.ts): the client, the flow cookie, the error page, the session opened.
 */

const clients = new WeakMap<Config, OidcClient>();

/** The ProConnect client of this app, or null when OIDC_ISSUER is unset. */
export function oidcClient(config: Config): OidcClient | null {
  if (!config.oidc) return null;
  let client = clients.get(config);
  if (!client) clients.set(config, client = new OidcClient(config.oidc));
  return client;
}

/** Looked up per request (cached per config): the settings are read when a sign-in starts. */
export function requireOidcClient(config: Config): OidcClient {
  const client = oidcClient(config);
  if (!client) throw new AppError('OIDC_DISABLED');
  return client;
}

export const flowCookie = (config: Config) => (config.secureCookies ? '__Host-ecom_oidc' : 'ecom_oidc');
const ERROR_PAGE = '/connexion/proconnect/erreur';

export function setFlowCookie(app: App, reply: FastifyReply, flowId: string, minutes: number) {
  // Lax: the provider brings the browser back with a top-level GET, which Lax cookies accompany.
  reply.setCookie(flowCookie(app.config), flowId, {
    path: '/', httpOnly: true, secure: app.config.secureCookies, sameSite: 'lax', maxAge: minutes * 60,
  });
}

/**
 * Every failure of a browser round trip ends on the web error page, which also offers password sign-in.
 * A refused callback also leaves an audit row (security_events) beside the log line.
 */
export async function failTo(app: App, request: FastifyRequest, reply: FastifyReply, err: unknown, audit = false) {
  const code = err instanceof AppError ? err.code : 'OIDC_INVALID_RESPONSE';
  app.log.warn({ err, code, route: request.routeOptions.url }, 'ProConnect sign-in refused');
  if (audit) await recordSecurityEvent(app, 'oidc-callback-refused', code);
  reply.clearCookie(flowCookie(app.config), { path: '/' });
  const query = new URLSearchParams({ code });
  if (code === 'OIDC_ACCESS_FILTERED' && err instanceof AppError && err.fields) {
    for (const key of ['siret', 'organisation']) if (err.fields[key]) query.set(key, err.fields[key]);
  }
  return reply.redirect(`${ERROR_PAGE}?${query}`, 303);
}

export async function openOidcSession(app: App, request: FastifyRequest, reply: FastifyReply, userId: number, idToken: string, firstSignIn = false) {
  if (request.session) await closeSession(app, request, reply);
  const csrfToken = await openSession(app, request, reply, userId, 'proconnect');
  await rememberIdToken(app, userId, csrfToken, idToken);
  // « Mes appareils »: a browser this account was never used from is announced by e-mail (not at sign-up).
  const known = await isKnownDevice(app, request, userId);
  await rememberDevice(app, request, reply, userId);
  if (!known && !firstSignIn) await notifyNewDevice(app, request, userId, 'proconnect');
  return csrfToken;
}
