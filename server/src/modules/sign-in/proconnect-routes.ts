import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { hit } from '../../lib/rate-limit.js';
import { addressGroup } from '../../lib/client-address.js';
import { errorResponses } from '../../lib/schemas.js';
import type { App } from '../../types.js';
import { authenticate, loadUser } from '../accounts/service.js';
import { admitLogin, isKnownDevice, loginFailed, loginSucceeded } from '../accounts/login-throttle.js';
import { presentUserSelf } from '../accounts/presenters.js';
import { amrOfIdToken, decideSignIn, holdSignIn } from '../mfa/gate.js';
import * as sso from '../sso/service.js';
import { failTo, flowCookie, openOidcSession, requireOidcClient, setFlowCookie } from '../sso/browser-flow.js';
import { confirmReauth } from '../sso/reauth.js';
import { linkByCode } from '../sso/link-code.js';
import { LinkBody, LinkByCodeBody, LinkResult } from '../../../../common/api/sso.js';

/**
 * The ProConnect steps that sign a person in, and so go through the second-factor rule (mfa/gate.ts): the
 * provider's return, and the link of the held identity to an existing account (by its password or an e-mailed code).
 */

const LINK_CONFIRM_LIMIT = { action: 'oidc-link-confirm', max: 30, windowSeconds: 15 * 60 };

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

export default async function proconnectSignInRoutes(app: App) {
  const ssoDeps: sso.SsoDeps = { db: app.db, config: app.config, log: app.log };
  const requireClient = () => requireOidcClient(app.config);

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
}
