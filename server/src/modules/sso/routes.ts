import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { hit } from '../../lib/rate-limit.js';
import { addressGroup } from '../../lib/client-address.js';
import { errorResponses } from '../../lib/schemas.js';
import { closeSession, openSession } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { SignedIn } from '../accounts/schema.js';
import { authenticate, loadUser } from '../accounts/service.js';
import { admitLogin, loginFailed, loginSucceeded } from '../accounts/login-throttle.js';
import { presentUserSelf } from '../accounts/presenters.js';
import { OidcClient } from './client.js';
import * as sso from './service.js';

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

/** Every failure of a browser round trip ends on the web error page, which also offers password sign-in. */
function failTo(app: App, request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const code = err instanceof AppError ? err.code : 'OIDC_INVALID_RESPONSE';
  app.log.warn({ err, code, route: request.routeOptions.url }, 'ProConnect sign-in refused');
  reply.clearCookie(flowCookie(app.config), { path: '/' });
  return reply.redirect(`${ERROR_PAGE}?code=${encodeURIComponent(code)}`, 303);
}

async function openOidcSession(app: App, request: FastifyRequest, reply: FastifyReply, userId: number, idToken: string) {
  if (request.session) await closeSession(app, request, reply);
  const csrfToken = await openSession(app, request, reply, userId);
  await sso.rememberIdToken(app, userId, csrfToken, idToken);
  return csrfToken;
}

export default async function ssoRoutes(app: App) {
  // Looked up per request (cached per config): the settings are read when a sign-in starts.
  const requireClient = () => {
    const client = oidcClient(app.config);
    if (!client) throw new AppError('OIDC_DISABLED');
    return client;
  };

  app.get('/auth/providers', {
    schema: {
      tags: ['comptes'], summary: 'Moyens de connexion proposés',
      response: { 200: Type.Object({ proconnect: Type.Union([Type.Object({ label: Type.String() }), Type.Null()]) }) },
    },
  }, async () => ({ proconnect: app.config.oidc ? { label: app.config.oidc.label } : null }));

  app.get('/auth/oidc/start', {
    schema: { tags: ['comptes'], summary: 'Aller se connecter chez ProConnect', querystring: Type.Object({ suite: Type.Optional(Type.String({ maxLength: 500 })) }) },
  }, async (request, reply) => {
    try {
      await hit(app, START_LIMIT, `ip${addressGroup(request.ip)}`);
      const { flowId, url } = await sso.startFlow(app, requireClient(), safeNext(request.query.suite));
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
      const result = await sso.finishFlow(app, requireClient(), request.cookies[flowCookie(app.config)], currentUrl);
      if (result.kind !== 'signed-in') {
        setFlowCookie(app, reply, result.flowId, 30);
        return reply.redirect(result.kind === 'link' ? '/connexion/proconnect/associer' : '/connexion/proconnect/inscription', 303);
      }
      reply.clearCookie(flowCookie(app.config), { path: '/' });
      await openOidcSession(app, request, reply, result.userId, result.idToken);
      return reply.redirect(result.next, 303);
    } catch (err) {
      return failTo(app, request, reply, err);
    }
  });

  app.get('/auth/oidc/signup', {
    schema: {
      tags: ['comptes'], summary: 'Identité reçue de ProConnect, en attente de l’acceptation des CGU',
      response: {
        200: Type.Object({
          email: Type.String(), firstName: Type.String(), lastName: Type.String(),
          organisation: Type.Union([Type.String(), Type.Null()]), siret: Type.Union([Type.String(), Type.Null()]),
          /** An account already uses this address: the person confirms with its password to link it. */
          existingAccount: Type.Boolean(),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    requireClient();
    const { claims } = await sso.pendingSignup(app, request.cookies[flowCookie(app.config)]);
    return {
      email: claims.email, firstName: claims.givenName, lastName: claims.usualName, organisation: claims.organisation, siret: claims.siret,
      existingAccount: await sso.accountWithEmail(app, claims.email),
    };
  });

  app.post('/auth/oidc/signup', {
    schema: {
      tags: ['comptes'], summary: 'Créer son compte avec ProConnect (CGU acceptées)',
      body: Type.Object({ acceptCgu: Type.Literal(true) }, { additionalProperties: false }),
      response: { 201: Type.Intersect([SignedIn, Type.Object({ next: Type.String() })]), ...errorResponses },
    },
  }, async (request, reply) => {
    requireClient();
    await hit(app, SIGNUP_LIMIT, `ip${addressGroup(request.ip)}`);
    const { userId, idToken, next } = await sso.completeSignup(app, request.cookies[flowCookie(app.config)]);
    reply.clearCookie(flowCookie(app.config), { path: '/' });
    const csrfToken = await openOidcSession(app, request, reply, userId, idToken);
    return reply.status(201).send({ user: presentUserSelf(await loadUser(app.db, userId)), csrfToken, next });
  });

  app.post('/auth/oidc/link', {
    schema: {
      tags: ['comptes'], summary: 'Associer ProConnect au compte existant de la même adresse (mot de passe du compte)',
      body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
      response: { 200: Type.Intersect([SignedIn, Type.Object({ next: Type.String() })]), ...errorResponses },
    },
  }, async (request, reply) => {
    requireClient();
    const flowId = request.cookies[flowCookie(app.config)];
    const { claims } = await sso.pendingSignup(app, flowId);
    // The password is guessed at like a login: same limits, same failure counting.
    const attempt = await admitLogin(app, request, claims.email);
    const userId = await authenticate(app, claims.email, request.body.password).catch(async (err: unknown) => {
      if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') {
        await loginFailed(app, request);
        throw new AppError('INVALID_CREDENTIALS', 'Mot de passe incorrect.', { password: 'Mot de passe incorrect.' });
      }
      throw err;
    });
    const { idToken, next } = await sso.completeLink(app, flowId, userId);
    reply.clearCookie(flowCookie(app.config), { path: '/' });
    const csrfToken = await openOidcSession(app, request, reply, userId, idToken);
    await loginSucceeded(app, request, reply, attempt, userId);
    return { user: presentUserSelf(await loadUser(app.db, userId)), csrfToken, next };
  });
}
