import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { excerpt, renderMarkdown } from '../../lib/markdown.js';
import { isoText } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole } from '../communities/policy.js';
import type { FlagReasonOut, ActionInput, ItemTypeName, ModerationAction } from '../../../../common/api/moderation.js';
import { emit } from '../../events/bus.js';
import { suspend } from '../sanctions/suspensions.js';

/**
 * The moderation actions. Each accepted action runs in ONE transaction that locks the item's
 * pending flags, changes the item or its author, writes exactly one audit row and marks the
 * flags handled with that row's id. Mail goes out after commit (routes.ts).
 */

export interface ItemRow extends Record<string, unknown> {
  id: number;
  post_id: number;
  community_id: number;
  author_id: number;
  title: string;
  body_md: string;
  hidden_at: string | null;
  hidden_reason: string | null;
  deleted: boolean;
  author_email: string;
  author_first_name: string;
  /** The author's ranks where the item lives, for the moderation policy. */
  author_national_role: string | null;
  author_role: CommunityRole | null;
}

/** What one decision changed: the item or its author, as the audit log records it before and after. */
interface Change { before: Json | null; after: Json | null; until: Date | null }

/** The change of each kind of decision, in the decision's transaction, on the item read under its lock. */
async function applyChange(
  tx: Tx, actor: CurrentUser, type: ItemTypeName, itemId: number, item: ItemRow, input: ActionInput, reason: FlagReasonOut | null,
): Promise<Change> {
  const message = input.message?.trim() ?? '';
  const table = type === 'post' ? sql`posts` : sql`comments`;
  let before: Json | null = null;
  let after: Json | null = null;
  let until: Date | null = null;

  switch (input.action) {
    case 'keep':
    case 'warn':
      break;
    case 'hide': {
      const text = reasonText(reason, message);
      before = { hidden: item.hidden_at !== null, hiddenReason: item.hidden_reason };
      await tx.execute(sql`UPDATE ${table} SET hidden_at = now(), hidden_reason = ${text} WHERE id = ${itemId}`);
      after = { hidden: true, hiddenReason: text };
      break;
    }
    case 'unhide': {
      before = { hidden: true, hiddenReason: item.hidden_reason };
      await tx.execute(sql`UPDATE ${table} SET hidden_at = NULL, hidden_reason = NULL WHERE id = ${itemId}`);
      after = { hidden: false };
      break;
    }
    case 'edit':
    case 'anonymise': {
      const body = input.body!;
      before = { bodyMd: item.body_md };
      if (type === 'post') {
        // The author's words stay in the post's history, as with any edit.
        await tx.execute(sql`INSERT INTO post_revisions (post_id, title, body_md, edited_by) VALUES (${itemId}, ${item.title}, ${item.body_md}, ${actor.id})`);
        await tx.execute(sql`
          UPDATE posts SET body_md = ${body}, body_html = ${renderMarkdown(body)}, excerpt = ${excerpt(body)}, moderated_at = now()
           WHERE id = ${itemId}`);
      } else {
        await tx.execute(sql`UPDATE comments SET body_md = ${body}, body_html = ${renderMarkdown(body)}, moderated_at = now() WHERE id = ${itemId}`);
      }
      after = { bodyMd: body };
      break;
    }
    case 'delete': {
      before = { deleted: false };
      await tx.execute(sql`UPDATE ${table} SET deleted_at = now(), deleted_by = ${actor.id} WHERE id = ${itemId}`);
      // The counters the posts module keeps, as its own delete does.
      await tx.execute(type === 'post'
        ? sql`UPDATE communities SET post_count = post_count - 1 WHERE id = ${item.community_id}`
        : sql`UPDATE posts SET comment_count = comment_count - 1 WHERE id = ${item.post_id}`);
      after = { deleted: true };
      break;
    }
    case 'suspend': {
      const s = await suspend(tx, { communityId: item.community_id, userId: item.author_id, days: input.days!, reason: reasonText(reason, message), actorId: actor.id });
      until = s.until;
      before = { suspendedUntil: s.previousUntil };
      after = { suspendedUntil: until.toISOString(), days: input.days };
      break;
    }
    case 'ban': {
      const { rows } = await tx.execute<{ banned_at: string | null }>(sql`
        SELECT ${isoText('banned_at')} AS banned_at FROM users WHERE id = ${item.author_id} FOR UPDATE`);
      before = { bannedAt: rows[0]?.banned_at ?? null };
      await tx.execute(sql`
        UPDATE users SET banned_at = coalesce(banned_at, now()), banned_reason = ${reasonText(reason, message)} WHERE id = ${item.author_id}`);
      // Signed out everywhere at once: sessions are the only thing keeping them in.
      await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${item.author_id}`);
      after = { banned: true };
      break;
    }
  }
  return { before, after, until };
}

/** The item with what deciding and notifying needs; `lock` takes the row lock inside a transaction. */
export async function loadItem(db: Db | Tx, type: ItemTypeName, id: number, lock = false): Promise<ItemRow> {
  const forUpdate = lock ? sql`FOR UPDATE OF x` : sql``;
  const { rows } = await db.execute<ItemRow>(type === 'post'
    ? sql`SELECT x.id, x.id AS post_id, x.community_id, x.author_id, x.title, x.body_md, x.hidden_at::text, x.hidden_reason,
                 x.deleted_at IS NOT NULL AS deleted, u.email AS author_email, u.first_name AS author_first_name,
                 u.national_role AS author_national_role,
                 (SELECT m.role FROM memberships m WHERE m.community_id = x.community_id AND m.user_id = x.author_id) AS author_role
            FROM posts x JOIN users u ON u.id = x.author_id WHERE x.id = ${id} ${forUpdate}`
    : sql`SELECT x.id, x.post_id, p.community_id, x.author_id, p.title, x.body_md, x.hidden_at::text, x.hidden_reason,
                 x.deleted_at IS NOT NULL AS deleted, u.email AS author_email, u.first_name AS author_first_name,
                 u.national_role AS author_national_role,
                 (SELECT m.role FROM memberships m WHERE m.community_id = p.community_id AND m.user_id = x.author_id) AS author_role
            FROM comments x JOIN posts p ON p.id = x.post_id JOIN users u ON u.id = x.author_id WHERE x.id = ${id} ${forUpdate}`);
  const row = rows[0];
  if (!row) throw new AppError(type === 'post' ? 'POST_NOT_FOUND' : 'COMMENT_NOT_FOUND');
  return row;
}

export interface ActionOutcome {
  auditId: number;
  handledFlags: number;
  until: Date | null;
}

type Json = Record<string, unknown>;

function reasonText(reason: FlagReasonOut | null, message: string): string {
  const base = reason ? (reason.article ? `${reason.label} (${reason.article})` : reason.label) : 'Décision de la modération';
  return message ? `${base} : ${message}` : base;
}

const ITEM_ACTIONS: readonly ModerationAction[] = ['hide', 'unhide', 'edit', 'anonymise', 'delete'];

export async function applyAction(
  db: Db,
  actor: CurrentUser,
  type: ItemTypeName,
  itemId: number,
  input: ActionInput,
  reason: FlagReasonOut | null,
  /** What commits with the decision besides its own change (the mail to the author: moderation/service.ts). */
  then?: (tx: Tx, outcome: ActionOutcome) => Promise<void>,
): Promise<ActionOutcome> {
  return db.transaction(async (tx) => {
    const column = type === 'post' ? sql`post_id` : sql`comment_id`;
    // Two moderators acting at once: the second waits here, then sees no pending flag left.
    const pending = await tx.execute<{ id: number }>(sql`
      SELECT id FROM flags WHERE ${column} = ${itemId} AND status = 'pending' ORDER BY id FOR UPDATE`);
    const flagIds = pending.rows.map((r) => r.id);
    if (flagIds.length === 0 && (input.fromQueue || input.action === 'keep')) throw new AppError('ALREADY_HANDLED');

    const item = await loadItem(tx, type, itemId, true);
    // The item's state is read under its row lock: a second moderator who acted on what the first one
    // just changed learns it (409) instead of repeating the decision, and the log keeps one row per decision.
    if (item.deleted && ITEM_ACTIONS.includes(input.action)) throw new AppError('ALREADY_DELETED');
    if (input.action === 'hide' && item.hidden_at !== null) throw new AppError('ALREADY_HIDDEN');
    if (input.action === 'unhide' && item.hidden_at === null) throw new AppError('NOT_HIDDEN');
    const { before, after, until } = await applyChange(tx, actor, type, itemId, item, input, reason);
    const message = input.message?.trim() ?? '';

    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, target_user_id, reason_code, message, before, after)
      VALUES (${item.community_id}, ${actor.id}, ${input.action}, ${type}, ${itemId}, ${item.author_id}, ${reason?.code ?? null}, ${message},
              ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb)
      RETURNING id`);
    const auditId = rows[0]!.id;
    // The author learns the decision in-app (a kept item needs no word).
    if (input.action !== 'keep') {
      await emit(tx, {
        type: 'moderation.decided', userId: item.author_id, actorId: actor.id, communityId: item.community_id, postId: item.post_id,
        commentId: type === 'comment' ? itemId : null, action: input.action, title: item.title,
      });
    }
    if (flagIds.length > 0) {
      await tx.execute(sql`
        UPDATE flags SET status = 'handled', handled_by = ${actor.id}, handled_at = now(), action_id = ${auditId}
         WHERE id = ANY(${`{${flagIds.join(',')}}`}::bigint[])`);
    }
    const outcome = { auditId, handledFlags: flagIds.length, until };
    await then?.(tx, outcome);
    return outcome;
  });
}
