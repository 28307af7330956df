import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { AppError, ensure } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, Page } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { isNationalAdmin } from '../communities/policy.js';
import { moderationMail } from '../mail/templates.js';
import { parsePeriod } from '../questions/stats.js';
import { applyAction, loadItem, type ActionOutcome, type ItemRow } from './actions.js';
import { listAudit, presentAudit } from './audit.js';
import flagRoutes from './flags.js';
import { actionRefusal, canReadCommunityAudit } from './policy.js';
import { presentQueue, queueGroups } from './queue-queries.js';
import reasonRoutes, { findReason } from './reasons.js';
import { ActionBody, ActionResult, AuditEntry, ItemParams, QueueItem, SlugParam, Stats, StatsQuery, type ActionInput, type FlagReasonOut, type ItemTypeName } from './schema.js';
import { moderationStats } from './stats.js';
import { frenchDateTime } from './suspensions.js';

const tags = ['modération'];

function requireNationalAdmin(request: Parameters<typeof requireUser>[0]): CurrentUser {
  const user = requireUser(request);
  ensure(isNationalAdmin(user), 'FORBIDDEN');
  return user;
}

/** The questions module's period rule; an impossible date (month 13) is a bad period too, never a 500. */
function period(from: string | undefined, to: string | undefined) {
  try {
    return parsePeriod(from, to);
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('INVALID_PERIOD');
    throw err;
  }
}

/** Checks what each action needs; French messages per field. */
function checkInput(input: ActionInput): void {
  const fields: Record<string, string> = {};
  if (input.action !== 'keep' && input.action !== 'unhide' && !input.reasonCode) fields.reasonCode = 'Choisissez le motif de cette décision.';
  if ((input.action === 'edit' || input.action === 'anonymise') && !input.body) fields.body = 'Indiquez le nouveau texte.';
  if (input.action === 'suspend' && !input.days) fields.days = 'Indiquez la durée de la suspension, en jours.';
  if (input.action === 'warn' && !input.message?.trim()) fields.message = 'Écrivez le message d’avertissement adressé à l’auteur·e.';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
}

function notify(app: App, item: ItemRow, type: ItemTypeName, input: ActionInput, reason: FlagReasonOut | null, outcome: ActionOutcome, communityName: string) {
  if (input.action === 'keep') return;
  const itemUrl = input.action === 'delete' || input.action === 'ban'
    ? null
    : type === 'post' ? `/publications/${item.post_id}` : `/publications/${item.post_id}#commentaire-${item.id}`;
  const mail = moderationMail(app.config.publicUrl, item.author_email, item.author_first_name, {
    action: input.action, communityName, reasonLabel: reason?.label ?? null, article: reason?.article || null,
    message: input.message?.trim() ?? '', itemUrl, until: outcome.until ? frenchDateTime(outcome.until) : null,
  });
  app.mailer.send(mail).catch((err) => app.log.error({ err }, 'moderation mail not recorded'));
}

export default async function moderationRoutes(app: App) {
  await app.register(reasonRoutes);
  await app.register(flagRoutes);

  app.get('/communities/:slug/moderation/queue', {
    schema: {
      tags, summary: 'File de modération d’une e-communauté : signalements en attente groupés par contenu, les plus anciens d’abord',
      params: SlugParam, querystring: CursorQuery, response: { 200: Page(QueueItem), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(ctx.can.moderate, 'FORBIDDEN');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await queueGroups(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: await presentQueue(app.db, page.items, { user, role: ctx.role, moderate: true }), nextCursor: page.nextCursor };
  });

  app.get('/moderation/queue', {
    schema: {
      tags, summary: 'File de modération du réseau (équipe nationale)',
      querystring: CursorQuery, response: { 200: Page(QueueItem), ...errorResponses },
    },
  }, async (request) => {
    const user = requireNationalAdmin(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await queueGroups(app.db, null, decodeKeyset(request.query.cursor), limit), limit);
    // The national team's rank does not depend on its roles in the communities.
    return { items: await presentQueue(app.db, page.items, { user, role: null, moderate: true }), nextCursor: page.nextCursor };
  });

  app.post('/moderation/items/:type/:id/actions', {
    schema: {
      tags, summary: 'Décision de modération sur une publication ou un commentaire (journalisée)',
      params: ItemParams, body: ActionBody, response: { 200: ActionResult, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    await hit(app, LIMITS_BY_ACTION.moderate, subjectOf(request));
    const { type, id } = request.params;
    const input = request.body;
    const item = await loadItem(app.db, type, id);
    const ctx = await loadCommunityContext(app.db, item.community_id, user);
    const refusal = actionRefusal(
      { user, role: ctx.role, moderate: ctx.can.moderate },
      { id: item.author_id, nationalRole: item.author_national_role, role: item.author_role },
      input.action,
    );
    if (refusal) throw refusal;
    checkInput(input);
    const reason = input.reasonCode ? await findReason(app.db, input.reasonCode) : null;
    if (input.reasonCode && !reason) throw new AppError('VALIDATION_FAILED', undefined, { reasonCode: 'Motif inconnu.' });
    const outcome = await applyAction(app.db, user, type, id, input, reason ?? null);
    notify(app, item, type, input, reason ?? null, outcome, ctx.community.name);
    return { auditId: outcome.auditId, action: input.action, handledFlags: outcome.handledFlags };
  });

  app.get('/communities/:slug/moderation/audit', {
    schema: {
      tags, summary: 'Journal de modération d’une e-communauté (coordination et équipe nationale)',
      params: SlugParam, querystring: CursorQuery, response: { 200: Page(AuditEntry), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(canReadCommunityAudit(user, ctx.role), 'FORBIDDEN');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listAudit(app.db, ctx.community.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentAudit), nextCursor: page.nextCursor };
  });

  app.get('/moderation/audit', {
    schema: {
      tags, summary: 'Journal de modération du réseau (équipe nationale)',
      querystring: CursorQuery, response: { 200: Page(AuditEntry), ...errorResponses },
    },
  }, async (request) => {
    requireNationalAdmin(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listAudit(app.db, null, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentAudit), nextCursor: page.nextCursor };
  });

  app.get('/communities/:slug/moderation/stats', {
    schema: {
      tags, summary: 'Chiffres de la modération d’une e-communauté sur une période (jours AAAA-MM-JJ)',
      params: SlugParam, querystring: StatsQuery, response: { 200: Stats, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    ensure(ctx.can.moderate, 'FORBIDDEN');
    return moderationStats(app.db, ctx.community.id, period(request.query.from, request.query.to));
  });

  app.get('/moderation/stats', {
    schema: {
      tags, summary: 'Chiffres de la modération du réseau sur une période (équipe nationale)',
      querystring: StatsQuery, response: { 200: Stats, ...errorResponses },
    },
  }, async (request) => {
    requireNationalAdmin(request);
    return moderationStats(app.db, null, period(request.query.from, request.query.to));
  });
}
