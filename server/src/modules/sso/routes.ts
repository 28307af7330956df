import type { App } from '../../types.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { hit } from '../../lib/rate-limit.js';
import { addressGroup } from '../../lib/client-address.js';
import { hashToken } from '../../lib/tokens.js';
import { CursorQuery, errorResponses } from '../../lib/schemas.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { LIMITS } from '../../../../common/limits.js';
import { requireUser } from '../../plugins/session.js';
import { loadUser } from '../accounts/service.js';
import { presentUserSelf } from '../accounts/presenters.js';
import * as sso from './service.js';
import { failTo, flowCookie, openOidcSession, requireOidcClient, setFlowCookie } from './browser-flow.js';
import { securityEventsAbilities } from './policy.js';
import { LINK_CODE_MINUTES, sendLinkCode } from './link-code.js';
import { listSecurityEvents, presentSecurityEvent } from './audit.js';
import {
  LinkCodeSent, Linked, ProConnectIdentity, Providers, SecurityEventPage, SignupBody, StartQuery,
} from '../../../../common/api/sso.js';

/**
 * ProConnect's own steps: what is offered, the way out to the provider, the sign-up page and its account, the
 * e-mailed link code, the security log. The steps that may end in the second factor (the provider's return, a
 * link) are sign-in's (sign-in/proconnect-routes.ts).
 */

// Each start writes a flow row: bounded per address so nobody fills the table.
const START_LIMIT = { action: 'oidc-start', max: 60, windowSeconds: 15 * 60 };
// Sign-ups through ProConnect come with an identity the State vouches for: a town hall whose agents share one
// address must not be held to the 5 per hour of anonymous registrations.
const SIGNUP_LIMIT = { action: 'oidc-signup', max: 200, windowSeconds: 60 * 60 };
// Codes e-mailed to link an account: a few per address (no mailbox flooding), more per client address.
const LINK_CODE_PER_ACCOUNT = { action: 'oidc-link-code', max: 5, windowSeconds: 60 * 60 };
const LINK_CODE_PER_ADDRESS = { action: 'oidc-link-code-ip', max: 30, windowSeconds: 60 * 60 };

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value.slice(0, 500) : '/';
}

export default async function ssoRoutes(app: App) {
  const ssoDeps: sso.SsoDeps = { db: app.db, config: app.config, log: app.log };
  const requireClient = () => requireOidcClient(app.config);

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
