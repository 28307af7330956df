import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, encodeKeyset, keysetPage } from '../../lib/cursor.js';
import { authorize } from '../../lib/authorize.js';
import { found } from '../../lib/errors.js';
import { writeContext } from '../../lib/rate-limit.js';
import { CursorQuery, errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { canSend, groupCan, reportedMessagesAbilities } from './policy.js';
import { decodeMessageCursor, listInbox, listMessages, loadConversation, presentSummary, reportQueue, unreadTotal } from './queries.js';
import {
  AddParticipantsBody, BlockState, ConversationSummaryPage, ConversationView, Message, MessagePage, ParticipantsAdded, RenameBody, Renamed,
  ReportActionBody, ReportActionResult, ReportBody, ReportedMessagePage, SendBody, StartBody, Started, Unread,
} from '../../../../common/api/messages.js';
import * as writes from './writes.js';

const tags = ['messages privés'];
/** Enough to read a conversation's latest exchange at a glance; older pages on demand. */
const MESSAGES_PAGE = 30;
const MessagesQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export default async function messagesRoutes(app: App) {
  /** Queued with the message (mail/events.ts), sent by the worker once committed: SMTP never holds the request. */
  app.get('/messages/unread', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Nombre de messages privés non lus (pastille de l’en-tête)', response: { 200: Unread, ...errorResponses } },
  }, async (request) => ({ unread: await unreadTotal(app.db, requireUser(request).id) }));

  app.get('/conversations', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Mes conversations, la plus récente d’abord',
      querystring: CursorQuery, response: { 200: ConversationSummaryPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await listInbox(app.db, user.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
  });

  app.post('/conversations', {
    config: { auth: 'verified', idempotent: true },
    schema: {
      tags, summary: 'Écrire à un membre (conversation à deux, réutilisée) ou à un petit groupe',
      body: StartBody, response: { 201: Started, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { memberIds, title, body } = request.body;
    const out = await writes.start(writeContext(app, request), app.config.publicUrl, user, memberIds, title ?? '', body);
    return reply.status(201).send({ conversationId: out.conversationId, message: out.message });
  });

  app.get('/conversations/:id', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Ouvrir une conversation : participants et derniers messages (réservé aux participants)',
      params: IdParam, querystring: MessagesQuery, response: { 200: ConversationView, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const c = found(await loadConversation(app.db, request.params.id, user.id), 'CONVERSATION_NOT_FOUND');
    const page = await listMessages(app.db, c.id, c.visibleFromId, decodeMessageCursor(request.query.cursor), request.query.limit ?? MESSAGES_PAGE);
    return {
      id: c.id, kind: c.kind, title: c.title, participants: c.participants, unreadCount: c.unreadCount,
      messages: page.items, nextCursor: page.nextCursor, can: { send: canSend(c.blocked), ...groupCan(c.kind, c.participants.length) },
    };
  });

  app.get('/conversations/:id/messages', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Messages plus anciens d’une conversation (réservé aux participants)',
      params: IdParam, querystring: MessagesQuery, response: { 200: MessagePage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const c = found(await loadConversation(app.db, request.params.id, user.id), 'CONVERSATION_NOT_FOUND');
    return listMessages(app.db, c.id, c.visibleFromId, decodeMessageCursor(request.query.cursor), request.query.limit ?? MESSAGES_PAGE);
  });

  app.post('/conversations/:id/messages', {
    config: { auth: 'verified', idempotent: true },
    schema: { tags, summary: 'Envoyer un message', params: IdParam, body: SendBody, response: { 201: Message, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const id = request.params.id;
    const out = await writes.send(writeContext(app, request), app.config.publicUrl, user, id, request.body.body);
    return reply.status(201).send(out.message);
  });

  app.post('/conversations/:id/participants', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Ajouter des personnes à une conversation de groupe (réservé aux participants) ; elles lisent à partir de leur arrivée',
      params: IdParam, body: AddParticipantsBody, response: { 201: ParticipantsAdded, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const out = await writes.addPeople(writeContext(app, request), user, request.params.id, request.body.memberIds);
    return reply.status(201).send(out);
  });

  app.patch('/conversations/:id', {
    config: { auth: 'verified' },
    schema: {
      tags, summary: 'Renommer une conversation de groupe (réservé aux participants)',
      params: IdParam, body: RenameBody, response: { 200: Renamed, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return writes.rename(writeContext(app, request), user, request.params.id, request.body.title);
  });

  app.post('/conversations/:id/leave', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Quitter une conversation de groupe : elle disparaît de ma liste et je ne lis plus ce qui s’y écrit',
      params: IdParam, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    await writes.leave(writeContext(app, request), user, request.params.id);
    return { ok: true as const };
  });

  app.post('/conversations/:id/read', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Marquer une conversation comme lue', params: IdParam, response: { 200: Unread, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return writes.read(writeContext(app, request), user.id, request.params.id);
  });

  for (const [method, blocked] of [['put', true], ['delete', false]] as const) {
    app[method]('/members/:id/block', {
      config: { auth: 'user' },
      schema: {
        tags, summary: blocked ? 'Bloquer un membre : il ne peut plus m’écrire' : 'Débloquer un membre',
        params: IdParam, response: { 200: BlockState, ...errorResponses },
      },
    }, async (request) => {
      const user = requireUser(request);
      return writes.block(writeContext(app, request), user.id, request.params.id, blocked);
    });
  }

  app.post('/messages/:id/report', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Signaler un message à l’équipe nationale (elle ne verra que ce message)',
      params: IdParam, body: ReportBody, response: { 201: Ok, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    await writes.report(writeContext(app, request), user.id, request.params.id, request.body.reasonCode, request.body.comment ?? '');
    return reply.status(201).send({ ok: true as const });
  });

  app.get('/moderation/messages', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Messages privés signalés en attente (équipe nationale) : chaque message seul, jamais sa conversation',
      querystring: CursorQuery, response: { 200: ReportedMessagePage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(reportedMessagesAbilities(user), 'review');
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = await reportQueue(app.db, user, decodeKeyset(request.query.cursor), limit);
    return { items: page.items, nextCursor: page.last ? encodeKeyset({ at: page.last.created_at, id: page.last.id }) : null };
  });

  app.post('/moderation/messages/:id/actions', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Décision sur un message signalé : le garder ou retirer son texte (journalisée)',
      params: IdParam, body: ReportActionBody, response: { 200: ReportActionResult, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(reportedMessagesAbilities(user), 'review');
    const { action, reasonCode, message } = request.body;
    return writes.decide(writeContext(app, request), user, request.params.id, action, reasonCode ?? null, message ?? '');
  });
}
