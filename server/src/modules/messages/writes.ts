import { LIMITS_BY_ACTION, limitedWrite as limited, type WriteContext } from '../../lib/rate-limit.js';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import { discardDraft } from '../drafts/queries.js';
import { queueMail } from '../mail/events.js';
import { privateMessageMail } from '../mail/templates.js';
import { addParticipants, leaveConversation, renameConversation } from './group-service.js';
import { unreadTotal } from './queries.js';
import { decideReport, markRead, reportMessage, sendMessage, setBlock, startConversation, type MailNotice } from './service.js';

/**
 * Each write of the messages routes as one transaction, with the rate limits it costs counted in it
 * (lib/rate-limit.ts `limitedTransaction`); the services themselves take the caller's transaction.
 */

/** The e-mail notices of a message, queued in its transaction (sent by the worker: mail/events.ts). */
async function queueNotices(tx: DbOrTx, publicUrl: string, author: CurrentUser, conversationId: number, notices: MailNotice[]) {
  const name = `${author.firstName} ${author.lastName}`;
  for (const n of notices) await queueMail(tx, privateMessageMail(publicUrl, n.email, n.firstName, name, conversationId));
}

export const start = (w: WriteContext, publicUrl: string, user: CurrentUser, memberIds: number[], title: string, body: string) =>
  limited(w, [LIMITS_BY_ACTION.conversation, LIMITS_BY_ACTION.message], async (tx) => {
    const started = await startConversation(tx, user, memberIds, title, body);
    await queueNotices(tx, publicUrl, user, started.conversationId, started.notices);
    return started;
  });

/** The message, the discarding of its draft and its notices commit together. */
export const send = (w: WriteContext, publicUrl: string, user: CurrentUser, conversationId: number, body: string) =>
  limited(w, [LIMITS_BY_ACTION.message], async (tx) => {
    const sent = await sendMessage(tx, user, conversationId, body);
    await discardDraft(tx, user.id, `message:${conversationId}`);
    await queueNotices(tx, publicUrl, user, conversationId, sent.notices);
    return sent;
  });

/** Adding people reaches them like a new conversation does: the same budget, on top of the change's. */
export const addPeople = (w: WriteContext, user: CurrentUser, conversationId: number, memberIds: number[]) =>
  limited(w, [LIMITS_BY_ACTION.conversationChange, LIMITS_BY_ACTION.conversation], (tx) => addParticipants(tx, user, conversationId, memberIds));

export const rename = (w: WriteContext, user: CurrentUser, conversationId: number, title: string) =>
  limited(w, [LIMITS_BY_ACTION.conversationChange], (tx) => renameConversation(tx, user, conversationId, title));

export const leave = (w: WriteContext, user: CurrentUser, conversationId: number) =>
  limited(w, [LIMITS_BY_ACTION.conversationChange], (tx) => leaveConversation(tx, user, conversationId));

/** Marks the conversation read and answers the unread total left, as of the same transaction. */
export const read = (w: WriteContext, userId: number, conversationId: number) =>
  limited(w, [LIMITS_BY_ACTION.reaction], async (tx) => {
    await markRead(tx, userId, conversationId);
    return { unread: await unreadTotal(tx, userId) };
  });

export const block = (w: WriteContext, userId: number, memberId: number, blocked: boolean) =>
  limited(w, [LIMITS_BY_ACTION.write], async (tx) => ({ blocked: await setBlock(tx, userId, memberId, blocked) }));

export const report = (w: WriteContext, userId: number, messageId: number, reasonCode: string, comment: string) =>
  limited(w, [LIMITS_BY_ACTION.flag], (tx) => reportMessage(tx, userId, messageId, reasonCode, comment));

export const decide = (w: WriteContext, user: CurrentUser, messageId: number, action: 'keep' | 'remove', reasonCode: string | null, note: string) =>
  limited(w, [LIMITS_BY_ACTION.moderate], (tx) => decideReport(tx, user, messageId, action, reasonCode, note));
