import { LIMITS_BY_ACTION, limitedWrite as limited, type WriteContext } from '../../lib/rate-limit.js';
import type { CurrentUser } from '../../types.js';
import { discardDraft } from '../drafts/queries.js';
import { addParticipants, leaveConversation, renameConversation } from './group-service.js';
import { unreadTotal } from './queries.js';
import { decideReport, markRead, reportMessage, sendMessage, setBlock, startConversation } from './service.js';

/**
 * Each write of the messages routes as one transaction, with the rate limits it costs counted in it
 * (lib/rate-limit.ts `limitedTransaction`); the services themselves take the caller's transaction.
 */

export const start = (w: WriteContext, user: CurrentUser, memberIds: number[], title: string, body: string) =>
  limited(w, [LIMITS_BY_ACTION.conversation, LIMITS_BY_ACTION.message], (tx) => startConversation(tx, user, memberIds, title, body));

/** The message and the discarding of its draft commit together. */
export const send = (w: WriteContext, user: CurrentUser, conversationId: number, body: string) =>
  limited(w, [LIMITS_BY_ACTION.message], async (tx) => {
    const sent = await sendMessage(tx, user, conversationId, body);
    await discardDraft(tx, user.id, `message:${conversationId}`);
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
