import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { hit } from '../../lib/rate-limit.js';
import { addressGroup } from '../../lib/client-address.js';
import { hashToken } from '../../lib/tokens.js';
import { CursorQuery, errorResponses } from '../../lib/schemas.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { LIMITS } from '../../../../common/limits.js';
import { closeSession, openSession, requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { authenticate, loadUser } from '../accounts/service.js';
import { admitLogin, isKnownDevice, loginFailed, loginSucceeded, rememberDevice } from '../accounts/login-throttle.js';
import { notifyNewDevice } from '../accounts/devices.js';
import { confirmReauth } from './reauth.js';
import { presentUserSelf } from '../accounts/presenters.js';
import { OidcClient } from './client.js';
import * as sso from './service.js';
import { securityEventsAbilities } from './policy.js';
import { LINK_CODE_MINUTES, linkByCode, sendLinkCode } from './link-code.js';
import { listSecurityEvents, presentSecurityEvent, recordSecurityEvent } from './audit.js';
import { amrOfIdToken, decideSignIn, holdSignIn } from '../mfa/gate.js';
import {
  LinkBody, LinkByCodeBody, LinkCodeSent, Linked, LinkResult, ProConnectIdentity, Providers, SecurityEventPage, SignupBody, StartQuery,
} from '../../../../common/api/sso.js';

const clients = new WeakMap<Config, OidcClient>();

/** The ProConnect client of this app, or null when OIDC_ISSUER is unset. */
export function oidcClient(config: Config): OidcClient | null {
  if (!config.oidc) return null;
  let client = clients.get(config);
  if (!client) clients.set(config, client = new OidcClient(config.oidc));
  return client;
}

const flowCookie = (config: Config) => (config.secureCookies ? '__Host-ecom_oidc' : 'ecom_oidc');
const ERROR_PAGE = '/connexion/proconnect/erreur';
// Each start writes a flow row: bounded per address so nobody fills the table.
const START_LIMIT = { action: 'oidc-start', max: 60, windowSeconds: 15 * 60 };
// Sign-ups through ProConnect come with an identity the State vouches for: a town hall whose agents share one
// address must not be held to the 5 per hour of anonymous registrations.
const SIGNUP_LIMIT = { action: 'oidc-signup', max: 200, windowSeconds: 60 * 60 };
// Codes e-mailed to link an account: a few per address (no mailbox flooding), more per client address.
const LINK_CODE_PER_ACCOUNT = { action: 'oidc-link-code', max: 5, windowSeconds: 60 * 60 };
const LINK_CODE_PER_ADDRESS = { action: 'oidc-link-code-ip', max: 30, windowSeconds: 60 * 60 };
const LINK_CONFIRM_LIMIT = { action: 'oidc-link-confirm', max: 30, windowSeconds: 15 * 60 };

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value.slice(0, 500) : '/';
}

function setFlowCookie(app: App, reply: FastifyReply, flowId: string, minutes: number) {
  // Lax: the provider brings the browser back with a top-level GET, which Lax cookies accompany.
  reply.setCookie(flowCookie(app.config), flowId, {
    path: '/', httpOnly: true, secure: app.config.secureCookies, sameSite: 'lax', maxAge: minutes * 60,
  });
}

/**
 * Every failure of a browser round trip ends on the web error page, which also offers password sign-in.
 * A refused callback also leaves an audit row (security_events) beside the log line.
 */
async function failTo(app: App, request: FastifyRequest, reply: FastifyReply, err: unknown, audit = false) {
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

async function openOidcSession(app: App, request: FastifyRequest, reply: FastifyReply, userId: number, idToken: string, firstSignIn = false) {
  if (request.session) await closeSession(app, request, reply);
  const csrfToken = await openSession(app, request, reply, userId, 'proconnect');
  await sso.rememberIdToken(app, userId, csrfToken, idToken);
  // « Mes appareils »: a browser this account was never used from is announced by e-mail (not at sign-up).
  const known = await isKnownDevice(app, request, userId);
  await rememberDevice(app, request, reply, userId);
  if (!known && !firstSignIn) await notifyNewDevice(app, request, userId, 'proconnect');
  return csrfToken;
}

/**
 * After a link (password or e-mailed code): the second-factor rule (mfa/gate.ts) may hold the session back,
 * exactly as after a sign-in; otherwise the ProConnect session opens.
 */
async function signInLinked(app: App, request: FastifyRequest, reply: FastifyReply, userId: number, idToken: string, next: string) {
  const decision = await decideSignIn(app, userId, amrOfIdToken(idToken) ?? []);
  if (decision.step !== 'open') {
    await holdSignIn(app, request, reply, { userId, step: decision.step, method: 'proconnect', idToken, next, newDevice: !(await isKnownDevice(app, request, userId)) });
    return { secondFactor: { step: decision.step } };
  }
  const csrfToken = await openOidcSession(app, request, reply, userId, idToken);
  return { user: presentUserSelf(await loadUser(app.db, userId)), csrfToken, next };
}

export default async function ssoRoutes(app: App) {
  const ssoDeps: sso.SsoDeps = { db: app.db, config: app.config, log: app.log };
  // Looked up per request (cached per config): the settings are read when a sign-in starts.
  const requireClient = () => {
    const client = oidcClient(app.config);
    if (!client) throw new AppError('OIDC_DISABLED');
    return client;
  };

  app.get('/auth/providers', {
    schema: {
      tags: ['comptes'], summary: 'Moyens de connexion proposés',
      response: {
        200: Providers,
      },
    },
  }, async () => {
    const settings = app.config.oidc;
    if (!settings) return { proconnect: null };
    return { proconnect: { label: settings.label, allowedDomains: settings.allowedDomains ?? [], allowedSirets: settings.allowedSirets ?? [] } };
  });

  app.get('/auth/oidc/start', {
    schema: {
      tags: ['comptes'], summary: 'Aller se connecter chez ProConnect (ou y confirmer son identité : confirmation=1)',
      querystring: StartQuery,
    },
  }, async (request, reply) => {
    try {
      await hit(app, START_LIMIT, `ip${addressGroup(request.ip)}`);
      // Re-authentication (sso/reauth.ts) is for a signed-in person only.
      if (request.query.confirmation && !request.user) throw new AppError('UNAUTHENTICATED');
      const { flowId, url } = await sso.startFlow(ssoDeps, requireClient(), safeNext(request.query.suite), request.query.confirmation ? 'reauth' : 'sign-in');
      setFlowCookie(app, reply, flowId, 10);
      return reply.redirect(url, 303);
    } catch (err) {
      return failTo(app, request, reply, err);
    }
  });

  app.get('/auth/oidc/callback', {
    schema: { tags: ['comptes'], summary: 'Retour de ProConnect (redirect_uri)', querystring: Type.Object({}, { additionalProperties: Type.String() }) },
  }, async (request, reply) => {
    try {
      const currentUrl = new URL(request.url, app.config.publicUrl);
      const result = await sso.finishFlow(ssoDeps, requireClient(), request.cookies[flowCookie(app.config)], currentUrl);
      if (result.kind === 'reauth') {
        reply.clearCookie(flowCookie(app.config), { path: '/' });
        await confirmReauth(app, request, result.sub, result.idpId);
        return reply.redirect(result.next, 303);
      }
      if (result.kind !== 'signed-in') {
        setFlowCookie(app, reply, result.flowId, 30);
        return reply.redirect(result.kind === 'link' ? '/connexion/proconnect/associer' : '/connexion/proconnect/inscription', 303);
      }
      reply.clearCookie(flowCookie(app.config), { path: '/' });
      // The second-factor rule (mfa/gate.ts): an id_token whose `amr` shows a second factor satisfies it.
      const decision = await decideSignIn(app, result.userId, amrOfIdToken(result.idToken) ?? []);
      if (decision.step !== 'open') {
        await holdSignIn(app, request, reply, {
          userId: result.userId, step: decision.step, method: 'proconnect', idToken: result.idToken, next: result.next,
          newDevice: !(await isKnownDevice(app, request, result.userId)),
        });
        return reply.redirect(`/connexion/second-facteur?suite=${encodeURIComponent(result.next)}`, 303);
      }
      await openOidcSession(app, request, reply, result.userId, result.idToken);
      return reply.redirect(result.next, 303);
    } catch (err) {
      return failTo(app, request, reply, err, true);
    }
  });

  app.get('/auth/oidc/signup', {
    schema: {
      tags: ['comptes'], summary: 'Identité reçue de ProConnect, en attente de l’acceptation des CGU',
      response: {
        200: ProConnectIdentity,
        ...errorResponses,
      },
    },
  }, async (request) => {
    requireClient();
    const { claims } = await sso.pendingSignup(ssoDeps, request.cookies[flowCookie(app.config)]);
    return {
      email: claims.email, firstName: claims.givenName, lastName: claims.usualName, organisation: claims.organisation, siret: claims.siret,
      existingAccount: await sso.accountWithEmail(ssoDeps, claims.email),
    };
  });

  app.post('/auth/oidc/signup', {
    schema: {
      tags: ['comptes'], summary: 'Créer son compte avec ProConnect (CGU acceptées)',
      body: SignupBody,
      response: { 201: Linked, ...errorResponses },
    },
  }, async (request, reply) => {
    const client = requireClient();
    await hit(app, SIGNUP_LIMIT, `ip${addressGroup(request.ip)}`);
    const { userId, idToken, next } = await sso.completeSignup(app, client, request.cookies[flowCookie(app.config)]);
    reply.clearCookie(flowCookie(app.config), { path: '/' });
    const csrfToken = await openOidcSession(app, request, reply, userId, idToken, true);
    return reply.status(201).send({ user: presentUserSelf(await loadUser(app.db, userId)), csrfToken, next });
  });

  app.post('/auth/oidc/link', {
    schema: {
      tags: ['comptes'], summary: 'Associer ProConnect au compte existant de la même adresse (mot de passe du compte)',
      body: LinkBody,
      response: { 200: LinkResult, ...errorResponses },
    },
  }, async (request, reply) => {
    const client = requireClient();
    const flowId = request.cookies[flowCookie(app.config)];
    const { claims } = await sso.pendingSignup(ssoDeps, flowId);
    // The password is guessed at like a login: same limits, same failure counting.
    const attempt = await admitLogin(app, request, claims.email);
    const userId = await authenticate(app, claims.email, request.body.password).catch(async (err: unknown) => {
      if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') {
        await loginFailed(app, request);
        throw new AppError('INVALID_CREDENTIALS', 'Mot de passe incorrect.', { password: 'Mot de passe incorrect.' });
      }
      throw err;
    });
    const { idToken, next } = await sso.completeLink(ssoDeps, client, flowId, userId);
    reply.clearCookie(flowCookie(app.config), { path: '/' });
    const answer = await signInLinked(app, request, reply, userId, idToken, next);
    await loginSucceeded(app, request, reply, attempt, userId);
    return answer;
  });

  app.post('/auth/oidc/link-code', {
    schema: {
      tags: ['comptes'], summary: 'Recevoir par courriel un code pour associer ProConnect au compte de la même adresse',
      response: { 202: LinkCodeSent, ...errorResponses },
    },
  }, async (request, reply) => {
    const client = requireClient();
    const flowId = request.cookies[flowCookie(app.config)];
    const { claims } = await sso.pendingSignup(ssoDeps, flowId);
    await hit(app, LINK_CODE_PER_ADDRESS, `ip${addressGroup(request.ip)}`);
    // Keyed by the address's hash: the rate-limit table keeps no e-mail address.
    await hit(app, LINK_CODE_PER_ACCOUNT, `mail${hashToken(claims.email.toLowerCase())}`);
    await sendLinkCode(app, client, flowId);
    return reply.status(202).send({ expiresInMinutes: LINK_CODE_MINUTES });
  });

  app.post('/auth/oidc/link-by-code', {
    schema: {
      tags: ['comptes'], summary: 'Associer ProConnect au compte existant de la même adresse (code reçu par courriel)',
      body: LinkByCodeBody,
      response: { 200: LinkResult, ...errorResponses },
    },
  }, async (request, reply) => {
    const client = requireClient();
    await hit(app, LINK_CONFIRM_LIMIT, `ip${addressGroup(request.ip)}`);
    const { userId, idToken, next } = await linkByCode(app, client, request.cookies[flowCookie(app.config)], request.body.code);
    reply.clearCookie(flowCookie(app.config), { path: '/' });
    return signInLinked(app, request, reply, userId, idToken, next);
  });

  app.get('/national/security-events', {
    config: { auth: 'user' },
    schema: {
      tags: ['comptes'], summary: 'Journal de sécurité : connexions ProConnect refusées (équipe nationale)',
      querystring: CursorQuery,
      response: {
        200: SecurityEventPage,
        ...errorResponses,
      },
    },
  }, async (request) => {
    authorize(securityEventsAbilities(requireUser(request)), 'read');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listSecurityEvents(app.db, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentSecurityEvent), nextCursor: page.nextCursor };
  });
}
