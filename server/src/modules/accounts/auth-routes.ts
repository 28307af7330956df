import type { FastifyRequest } from 'fastify';
import type { App } from '../../types.js';
import { errorResponses, Ok } from '../../lib/schemas.js';
import { hit, LIMITS_BY_ACTION } from '../../lib/rate-limit.js';
import { requireUser } from '../../plugins/session.js';
import {
  ReauthBody, RegisterBody, ResetConfirmBody, ResetRequestBody, SessionState, SignedIn, TokenBody,
} from '../../../../common/api/accounts.js';
import * as accounts from './service.js';
import { presentUserSelf } from './presenters.js';
import { cguToAccept } from '../privacy/cgu.js';
import { addressGroup } from '../../lib/client-address.js';
import { rememberDevice } from './login-throttle.js';
import { openPasswordSession } from './session.js';

// Per-address limits stop one account being attacked from many addresses.
const RESET_PER_EMAIL = { ...LIMITS_BY_ACTION.passwordReset, action: 'password-reset-email' };

const ip = (request: FastifyRequest) => `ip${addressGroup(request.ip)}`;
const emailKey = (email: string) => email.trim().toLowerCase();

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
    const signedIn = await openPasswordSession(app, request, reply, userId);
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
