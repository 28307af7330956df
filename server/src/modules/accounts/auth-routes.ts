import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../types.js';
import { errorResponses, Ok } from '../../lib/schemas.js';
import { hit, LIMITS_BY_ACTION } from '../../lib/rate-limit.js';
import { closeSession, openSession, requireUser } from '../../plugins/session.js';
import {
  LoginBody, LogoutResult, ReauthBody, ReauthMethods, RegisterBody, ResetConfirmBody, ResetRequestBody, SessionState, SignedIn, TokenBody,
} from '../../../../common/api/accounts.js';
import * as accounts from './service.js';
import { presentUserSelf } from './presenters.js';
import { cguToAccept } from '../privacy/cgu.js';
import { addressGroup } from '../../lib/client-address.js';
import { AppError } from '../../lib/errors.js';
import { admitLogin, loginFailed, loginSucceeded, rememberDevice } from './login-throttle.js';
import { notifyNewDevice } from './devices.js';
import * as sso from '../sso/service.js';
import { oidcClient } from '../sso/routes.js';
import { canReauthWithProconnect } from '../sso/reauth.js';
import { decideSignIn, holdSignIn } from '../mfa/gate.js';
import { SignInResult } from '../../../../common/api/mfa.js';

// Per-address limits stop one account being attacked from many addresses.
const RESET_PER_EMAIL = { ...LIMITS_BY_ACTION.passwordReset, action: 'password-reset-email' };

const ip = (request: FastifyRequest) => `ip${addressGroup(request.ip)}`;
const emailKey = (email: string) => email.trim().toLowerCase();

/** Replaces any current session with a fresh one, so a session id never survives a change of identity. */
async function signIn(app: App, request: FastifyRequest, reply: FastifyReply, userId: number) {
  if (request.session) await closeSession(app, request, reply);
  const csrfToken = await openSession(app, request, reply, userId, 'password');
  return { user: presentUserSelf(await accounts.loadUser(app.db, userId)), csrfToken };
}

export default async function authRoutes(app: App) {
  app.get('/session', {
    schema: { tags: ['comptes'], summary: 'Session en cours', response: { 200: SessionState, ...errorResponses } },
  }, async (request) => {
    if (!request.user || !request.session) return { user: null, csrfToken: null };
    return {
      user: presentUserSelf(await accounts.loadUser(app.db, request.user.id)), csrfToken: request.session.csrfToken,
      cguToAccept: await cguToAccept(app, request.user.id),
    };
  });

  app.post('/auth/register', {
    schema: { tags: ['comptes'], summary: 'Inscription libre', body: RegisterBody, response: { 201: SignedIn, ...errorResponses } },
  }, async (request, reply) => {
    await hit(app, LIMITS_BY_ACTION.register, ip(request));
    const userId = await accounts.register(app, request.body);
    const signedIn = await signIn(app, request, reply, userId);
    // The browser the account was created from is its first known device: no "new sign-in" e-mail now nor later from it.
    await rememberDevice(app, request, reply, userId);
    return reply.status(201).send(signedIn);
  });

  app.post('/auth/verify-email', {
    config: { rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Confirmer l’adresse électronique', body: TokenBody, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await accounts.verifyEmail(app, request.body.token);
    return { ok: true as const };
  });

  app.post('/auth/resend-verification', {
    config: { auth: 'user', rateLimit: 'verifyResend' },
    schema: { tags: ['comptes'], summary: 'Renvoyer le courriel de confirmation', response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await accounts.resendVerification(app, user.id);
    return { ok: true as const };
  });

  app.post('/auth/login', {
    schema: {
      tags: ['comptes'], summary: 'Connexion (ou, si un second facteur est demandé, première étape)',
      body: LoginBody, response: { 200: SignInResult, ...errorResponses },
    },
  }, async (request, reply) => {
    // Only failures count (login-throttle.ts): signing in again and again never locks anyone out.
    const attempt = await admitLogin(app, request, request.body.email);
    const userId = await accounts.authenticate(app, request.body.email, request.body.password).catch(async (err: unknown) => {
      if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') await loginFailed(app, request);
      throw err;
    });
    // The password is right; the second-factor rule (mfa/gate.ts) may still hold the session back.
    const decision = await decideSignIn(app, userId);
    if (decision.step !== 'open') {
      await holdSignIn(app, request, reply, { userId, step: decision.step, method: 'password', newDevice: !attempt.device });
      await loginSucceeded(app, request, reply, attempt, userId);
      return { secondFactor: { step: decision.step } };
    }
    const signedIn = await signIn(app, request, reply, userId);
    await loginSucceeded(app, request, reply, attempt, userId);
    if (!attempt.device) await notifyNewDevice(app, request, userId, 'password');
    return signedIn;
  });

  app.post('/auth/reauth', {
    config: { auth: 'user', rateLimit: 'reauth' },
    schema: {
      tags: ['comptes'], summary: 'Confirmer son identité (mot de passe) avant une action sensible, pour 10 minutes',
      body: ReauthBody, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    await accounts.reauthenticate(app, user.id, request.session!.tokenHash, request.body.password);
    return { ok: true as const };
  });

  app.get('/auth/reauth/methods', {
    config: { auth: 'user' },
    schema: {
      tags: ['comptes'], summary: 'Moyens de confirmer son identité avant une action sensible',
      response: { 200: ReauthMethods, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    // Accounts created through ProConnect have a password nobody knows: they confirm there instead.
    const proconnect = app.config.oidc !== undefined && app.config.oidc !== null && await canReauthWithProconnect(app.db, user.id);
    return { password: true, proconnect };
  });

  app.post('/auth/logout', {
    schema: { tags: ['comptes'], summary: 'Déconnexion', response: { 200: LogoutResult, ...errorResponses } },
  }, async (request, reply) => {
    // A ProConnect session ends there too: the client sends the browser to this address.
    const endSessionUrl = request.session ? await sso.endSessionUrl(app, oidcClient(app.config), request.session.tokenHash) : null;
    await closeSession(app, request, reply);
    return endSessionUrl ? { ok: true as const, endSessionUrl } : { ok: true as const };
  });

  app.post('/auth/password-reset/request', {
    schema: {
      tags: ['comptes'], summary: 'Demander un lien de réinitialisation (répond toujours ok)',
      body: ResetRequestBody, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    await hit(app, LIMITS_BY_ACTION.passwordReset, ip(request));
    await hit(app, RESET_PER_EMAIL, emailKey(request.body.email));
    await accounts.requestPasswordReset(app, request.body.email);
    return { ok: true as const };
  });

  app.post('/auth/password-reset/confirm', {
    schema: {
      tags: ['comptes'], summary: 'Choisir un nouveau mot de passe (ferme toutes les sessions)',
      body: ResetConfirmBody, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    await hit(app, LIMITS_BY_ACTION.write, ip(request));
    await accounts.confirmPasswordReset(app, request.body.token, request.body.password);
    return { ok: true as const };
  });
}
