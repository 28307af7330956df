import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../../../common/limits.js';
import { addressGroup } from '../../lib/client-address.js';
import { authorize } from '../../lib/authorize.js';
import { hit, LIMITS_BY_ACTION, subjectOf, type Limit } from '../../lib/rate-limit.js';
import { errorResponses } from '../../lib/schemas.js';
import { closeSession, openSession, requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { SignedIn } from '../../../../common/api/accounts.js';
import { loadUser } from '../accounts/service.js';
import { rememberDevice } from '../accounts/login-throttle.js';
import { presentUserSelf } from '../accounts/presenters.js';
import { activateAccount } from './activation.js';
import { applyCsv, previewCsv } from './csv-import.js';
import { importableCommunities, importAbilities, welcomeCampaignAbilities } from './policy.js';
import {
  ActivateBody, CampaignState, CsvBody, ImportResult, ImportTargets, PausedBody, Preview, ResendResult, UserIdParam, WelcomeItemPage, WelcomeQuery,
} from '../../../../common/api/member-import.js';
import { campaignState, listWelcomes, resendWelcome, setPaused, startWelcomeCampaign, type WelcomeRow } from './welcome.js';

const tags = ['import'];
const PREVIEW_LIMIT: Limit = { action: 'member-csv-preview', max: 60, windowSeconds: 60 * 60 };
const IMPORT_LIMIT: Limit = { action: 'member-csv-import', max: 20, windowSeconds: 60 * 60 };
const RESEND_LIMIT: Limit = { action: 'welcome-resend', max: 100, windowSeconds: 60 * 60 };
// Room for the JSON around the file and its escaped quotes; the file itself is measured by the service (French 413).
const CSV_BODY_LIMIT = 2 * LIMITS.memberCsvBytes + 4096;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function presentWelcome(r: WelcomeRow) {
  return {
    userId: Number(r.user_id), email: r.email, firstName: r.first_name, lastName: r.last_name, status: r.status,
    queuedAt: iso(r.queued_at)!, sentAt: iso(r.sent_at), activatedAt: iso(r.activated_at), bouncedAt: iso(r.bounced_at), error: r.error,
  };
}

/** The national team or a coordinator, with the communities they may import into (never none). */
async function importer(app: App, request: FastifyRequest) {
  const user = requireUser(request);
  const communities = await importableCommunities(app.db, user);
  authorize(importAbilities(communities), 'import', 'L’import de membres est réservé à l’équipe nationale et à la coordination des e-communautés.');
  return { user, communities };
}

function requireCampaignManager(request: FastifyRequest) {
  const user = requireUser(request);
  authorize(welcomeCampaignAbilities(user), 'manage');
  return user;
}

export default async function memberImportRoutes(app: App) {
  app.post('/auth/activate', {
    schema: {
      tags, summary: 'Activer un compte importé (lien reçu par courriel) : mot de passe choisi, CGU acceptées ; ouvre la session',
      body: ActivateBody, response: { 200: SignedIn, ...errorResponses },
    },
  }, async (request, reply) => {
    await hit(app, LIMITS_BY_ACTION.write, `ip${addressGroup(request.ip)}`);
    const userId = await activateAccount(app, request.body.token, request.body.password);
    if (request.session) await closeSession(app, request, reply);
    const csrfToken = await openSession(app, request, reply, userId, 'password');
    // The browser that activated the account is its first known device: no « new device » e-mail later from it.
    await rememberDevice(app, request, reply, userId);
    return { user: presentUserSelf(await loadUser(app.db, userId)), csrfToken };
  });

  app.get('/member-imports/communities', {
    config: { auth: 'user' },
    schema: { tags, summary: 'E-communautés dans lesquelles importer une liste de membres', response: { 200: ImportTargets, ...errorResponses } },
  }, async (request) => {
    const { communities } = await importer(app, request);
    return { items: communities.map(({ slug, name }) => ({ slug, name })) };
  });

  app.post('/member-imports/preview', {
    config: { auth: 'user' },
    bodyLimit: CSV_BODY_LIMIT,
    schema: {
      tags, summary: 'Vérifier une liste de membres (CSV) ligne par ligne, sans rien enregistrer',
      body: CsvBody, response: { 200: Preview, ...errorResponses },
    },
  }, async (request) => {
    const { user } = await importer(app, request);
    await hit(app, PREVIEW_LIMIT, subjectOf(request));
    return previewCsv(app, user, request.body.csv, request.body.community);
  });

  app.post('/member-imports', {
    config: { auth: 'user' },
    bodyLimit: CSV_BODY_LIMIT,
    schema: {
      tags, summary: 'Importer une liste de membres (CSV) : comptes pré-inscrits, ajoutés aux e-communautés et invités',
      body: CsvBody, response: { 200: ImportResult, ...errorResponses },
    },
  }, async (request) => {
    const { user } = await importer(app, request);
    await hit(app, IMPORT_LIMIT, subjectOf(request));
    return applyCsv(app, user, request.body.csv, request.body.community);
  });

  app.get('/national/import-welcome', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Campagne de bienvenue des membres importés : chiffres et état', response: { 200: CampaignState, ...errorResponses } },
  }, async (request) => {
    requireCampaignManager(request);
    return campaignState(app.db, app.config.importWelcomePerHour);
  });

  app.put('/national/import-welcome/paused', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags, summary: 'Suspendre ou reprendre la campagne de bienvenue', body: PausedBody, response: { 200: CampaignState, ...errorResponses } },
  }, async (request) => {
    requireCampaignManager(request);
    await setPaused(app.db, request.body.paused);
    if (!request.body.paused) await startWelcomeCampaign(app);
    return campaignState(app.db, app.config.importWelcomePerHour);
  });

  app.get('/national/import-welcome/members', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Membres de la campagne de bienvenue, par état ou par adresse',
      querystring: WelcomeQuery, response: { 200: WelcomeItemPage, ...errorResponses },
    },
  }, async (request) => {
    requireCampaignManager(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const rows = await listWelcomes(app.db, {
      status: request.query.status, email: request.query.email?.trim(),
      after: request.query.cursor ? Number(request.query.cursor) : undefined, limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(presentWelcome);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.userId) : null };
  });

  app.post('/national/import-welcome/members/:userId/resend', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Renvoyer maintenant le courriel de bienvenue à une personne',
      params: UserIdParam, response: { 200: ResendResult, ...errorResponses },
    },
  }, async (request) => {
    requireCampaignManager(request);
    await hit(app, RESEND_LIMIT, subjectOf(request));
    return { status: await resendWelcome(app, request.params.userId) };
  });
}
