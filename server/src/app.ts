import Fastify, { LogController, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '../../common/limits.js';
import { ERRORS } from '../../common/errors.js';
import type { Config } from './config.js';
import type { App, Deps } from './types.js';
import errorsPlugin, { clientErrorHandler } from './plugins/errors.js';
import inputGuard from './plugins/input-guard.js';
import { createLogger } from './lib/logger.js';
import { ViewCounter } from './modules/steering/view-counter.js';
import { ActivityRecorder } from './modules/national/activity.js';
import sessionPlugin from './plugins/session.js';
import readRouting from './plugins/read-routing.js';
import recentWrites from './plugins/recent-writes.js';
import reauthPlugin from './plugins/reauth.js';
import idempotencyPlugin from './plugins/idempotency.js';
import routeGuards from './plugins/route-guards.js';
import metricsPlugin from './plugins/metrics.js';
import securityHeaders, { DOCS_CSP } from './plugins/security-headers.js';
import webShell from './plugins/web-shell.js';
import { ErrorBody } from './lib/schemas.js';
import healthRoutes from './modules/health/routes.js';
import accountsRoutes from './modules/accounts/routes.js';
import communitiesRoutes from './modules/communities/routes.js';
import postsRoutes from './modules/posts/routes.js';
import siteRoutes from './modules/site/routes.js';
import agendaRoutes from './modules/agenda/routes.js';
import pollsRoutes from './modules/polls/routes.js';
import surveysRoutes from './modules/surveys/routes.js';
import dossiersRoutes from './modules/dossiers/routes.js';
import questionsRoutes from './modules/questions/routes.js';
import attachmentsRoutes from './modules/attachments/routes.js';
import searchRoutes from './modules/search/routes.js';
import calendarRoutes from './modules/calendar/routes.js';
import moderationRoutes from './modules/moderation/routes.js';
import privacyRoutes from './modules/privacy/routes.js';
import cguGate from './modules/privacy/gate.js';
import anonymisationRoutes from './modules/anonymisation/routes.js';
import steeringRoutes from './modules/steering/routes.js';
import coordinatorRoutes from './modules/steering/coordinator-routes.js';
import nationalRoutes from './modules/national/routes.js';
import networkRoutes from './modules/network/routes.js';
import contractsRoutes from './modules/contracts/routes.js';
import reportsRoutes from './modules/reports/routes.js';
import notificationsRoutes from './modules/notifications/routes.js';
import mentionRoutes from './modules/notifications/mention-routes.js';
import emailPrefsRoutes from './modules/email-prefs/routes.js';
import feedsRoutes from './modules/feeds/routes.js';
import directoryRoutes from './modules/directory/routes.js';
import messagesRoutes from './modules/messages/routes.js';
import veilleRoutes from './modules/veille/routes.js';
import cnfptRoutes from './modules/cnfpt/routes.js';
import sharedPagesRoutes from './modules/shared-pages/routes.js';
import invitationsRoutes from './modules/invitations/routes.js';
import rosterRoutes from './modules/roster/routes.js';
import mfaRoutes from './modules/mfa/routes.js';
import draftsRoutes from './modules/drafts/routes.js';
import readingRoutes from './modules/reading/routes.js';
import memberImportRoutes from './modules/member-import/routes.js';
import ssoRoutes from './modules/sso/routes.js';
import signInRoutes from './modules/sign-in/routes.js';
import { ByteLru } from './lib/byte-lru.js';
import { installEventHandlers } from './events/wiring.js';

/** Every API area, mounted under /api. One line per module. */
const apiModules = [healthRoutes, accountsRoutes, ssoRoutes, signInRoutes, communitiesRoutes, postsRoutes, siteRoutes, pollsRoutes, surveysRoutes, dossiersRoutes, questionsRoutes, agendaRoutes, attachmentsRoutes, searchRoutes, calendarRoutes, moderationRoutes, privacyRoutes, anonymisationRoutes, notificationsRoutes, mentionRoutes, emailPrefsRoutes, feedsRoutes, veilleRoutes, cnfptRoutes, steeringRoutes, coordinatorRoutes, sharedPagesRoutes, invitationsRoutes, rosterRoutes, reportsRoutes, nationalRoutes, networkRoutes, contractsRoutes, directoryRoutes, messagesRoutes, memberImportRoutes, mfaRoutes, draftsRoutes, readingRoutes];

/** Builds the HTTP application; never listens (main.ts and tests decide). */
export async function buildApp(config: Config, deps: Deps): Promise<App> {
  installEventHandlers();
  const app = Fastify({
    loggerInstance: deps.logger ?? createLogger(config.logLevel, config.logFormat),
    // Per-request lines cost throughput; metrics cover requests. LOG_REQUESTS=true brings them back.
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== 'true' }),
    bodyLimit: LIMITS.bodyLimit,
    // A stopping instance (SIGTERM, systemctl restart) still answers the requests already on its open connections,
    // rather than 503s that a reverse proxy cannot replay on the other instance (deploy/nginx/); new connections are
    // refused at once, and those the proxy does replay.
    return503OnClosing: false,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // Errors the router raises before any route runs (a malformed or over-long path segment): the same
    // French `{code, message}` as every other refusal instead of Fastify's English body and 414.
    frameworkErrors: (_error, request, reply: FastifyReply) =>
      reply.status(400).headers(request.server.securityHeaders ?? {}).send({ code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST.message }),
    // Errors Node's HTTP parser raises before Fastify sees a request (headers over 16 KB, a malformed
    // request line, a slow client): answered on the raw socket, in French, with our codes.
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('db', deps.db);
  app.decorate('pool', deps.pool);
  app.decorate('mailer', deps.mailer);
  const postViews = new ViewCounter(deps.db, config.viewFlushMs, (msg) => app.log.warn(msg));
  app.decorate('postViews', postViews);
  app.decorate('pageCache', new ByteLru<unknown>(config.pageCacheMb * 1024 * 1024));
  app.addHook('onClose', () => postViews.close());
  const activity = new ActivityRecorder(deps.db, config.viewFlushMs, (msg) => app.log.warn(msg));
  app.decorate('activity', activity);
  app.addHook('onClose', () => activity.close());
  app.decorate('jobs', deps.jobs ?? null);
  app.addSchema(ErrorBody);

  await app.register(errorsPlugin);
  // Before any refusing hook: its onRequest hook runs first, so early refusals carry the headers too.
  await app.register(securityHeaders);
  await app.register(inputGuard);
  await app.register(cookie);
  await app.register(metricsPlugin);
  await app.register(swagger, {
    openapi: {
      info: { title: 'API e-communautés', version: '1.0.0', description: 'API JSON du réseau des e-communautés. Erreurs : `{code, message}`.' },
    },
  });
  // Swagger UI gets its own policy (plugins/security-headers.ts), set by the plugin on its own routes only.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  await app.register(sessionPlugin);
  // After the session (a route may send only anonymous readers to a replica), before every route.
  await app.register(readRouting);
  await app.register(recentWrites);
  await app.register(reauthPlugin);
  await app.register(idempotencyPlugin);
  // After idempotency, as the handlers' own checks were: a replayed answer is not counted again.
  await app.register(routeGuards);

  await app.register(async (api) => {
    // Before the modules, so every API route inherits its hook.
    await api.register(cguGate);
    for (const mod of apiModules) await api.register(mod);
    api.setNotFoundHandler((_request, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message }));
  }, { prefix: '/api' });

  await app.register(webShell);
  return app as unknown as App;
}
