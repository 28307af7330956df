import type { App } from '../../types.js';
import { errorResponses } from '../../lib/schemas.js';
import { AppError } from '../../lib/errors.js';
import { closeSession, requireUser } from '../../plugins/session.js';
import { LoginBody, LogoutResult, ReauthMethods } from '../../../../common/api/accounts.js';
import { SignInResult } from '../../../../common/api/mfa.js';
import { authenticate } from '../accounts/service.js';
import { openPasswordSession } from '../accounts/session.js';
import { admitLogin, loginFailed, loginSucceeded } from '../accounts/login-throttle.js';
import { notifyNewDevice } from '../accounts/devices.js';
import { decideSignIn, holdSignIn } from '../mfa/gate.js';
import * as sso from '../sso/service.js';
import { oidcClient } from '../sso/browser-flow.js';
import { canReauthWithProconnect } from '../sso/reauth.js';

/**
 * Signing in with a password (the second-factor rule may hold it back), signing out (of ProConnect too), and the
 * ways to confirm one's identity: what needs accounts, the second factor and ProConnect together.
 */
export default async function passwordSignInRoutes(app: App) {
  app.post('/auth/login', {
    schema: {
      tags: ['comptes'], summary: 'Connexion (ou, si un second facteur est demandé, première étape)',
      body: LoginBody, response: { 200: SignInResult, ...errorResponses },
    },
  }, async (request, reply) => {
    // Only failures count (login-throttle.ts): signing in again and again never locks anyone out.
    const attempt = await admitLogin(app, request, request.body.email);
    const userId = await authenticate(app, request.body.email, request.body.password).catch(async (err: unknown) => {
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
    const signedIn = await openPasswordSession(app, request, reply, userId);
    await loginSucceeded(app, request, reply, attempt, userId);
    if (!attempt.device) await notifyNewDevice(app, request, userId, 'password');
    return signedIn;
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
}
