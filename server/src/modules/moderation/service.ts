import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isoText, toIso } from '../../lib/cursor.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, type WriteContext } from '../../lib/rate-limit.js';
import type { App, CurrentUser } from '../../types.js';
import { moderationMail } from '../mail/templates.js';
import { queueMail } from '../mail/events.js';
import { emit } from '../../events/bus.js';
import { applyAction, type ActionOutcome, type ItemRow } from './actions.js';
import { findReason, publicReason, REASON_COLUMNS, type ReasonRow } from './queries.js';
import type { ActionInput, CreateReasonInput, EditReasonInput, FlagReasonOut, ItemTypeName } from '../../../../common/api/moderation.js';
import { frenchDateTime } from '../sanctions/suspensions.js';

/** Writes of flags, flag reasons and moderation decisions (each decision's transaction is in actions.ts). */

export interface FlagTarget {
  communityId: number;
  authorId: number;
  postId: number | null;
  commentId: number | null;
}

/**
 * Records one member's flag. The unique keys (reporter, post) and (reporter, comment) make
 * "a member flags an item once" hold under concurrency too.
 */
export async function createFlag(db: Db, reporterId: number, target: FlagTarget, reasonCode: string, comment: string) {
  const reason = await findReason(db, reasonCode);
  if (!reason || !reason.active) {
    throw new AppError('VALIDATION_FAILED', undefined, { reasonCode: 'Choisissez un motif de signalement dans la liste.' });
  }
  try {
    const { rows } = await db.execute<{ id: number; reason_code: string; created_at: string }>(sql`
      INSERT INTO flags (community_id, post_id, comment_id, reporter_id, reason_code, comment)
      VALUES (${target.communityId}, ${target.postId}, ${target.commentId}, ${reporterId}, ${reasonCode}, ${comment.trim()})
      RETURNING id, reason_code, ${isoText('created_at')} AS created_at`);
    const row = rows[0]!;
    // Animators hear of it in-app (notifications module); the flag is already recorded.
    await emit(db, { type: 'flag.raised', flagId: row.id });
    return { id: row.id, reasonCode: row.reason_code, createdAt: toIso(row.created_at) };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_FLAGGED');
    throw err;
  }
}

/**
 * Changes to the list are decisions of the national administrator like the others: one row of the
 * append-only audit log each, network-wide (no community), written in the change's transaction.
 */
async function auditReasonChange(tx: DbOrTx, actorId: number, action: 'reason_create' | 'reason_update', before: ReasonRow | null, after: ReasonRow) {
  await tx.execute(sql`
    INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, before, after)
    VALUES (NULL, ${actorId}, ${action}, 'flag_reason', ${after.id},
            ${before === null ? null : JSON.stringify(publicReason(before))}::jsonb, ${JSON.stringify(publicReason(after))}::jsonb)`);
}

/** A new reason, under the `write` limit of `w.subject` (see `subjectOf`). */
export async function createReason(w: WriteContext, actorId: number, b: CreateReasonInput) {
  await hit(w, LIMITS_BY_ACTION.write, w.subject);
  try {
    const created = await w.db.transaction(async (tx) => {
      const { rows } = await tx.execute<ReasonRow>(sql`
        INSERT INTO flag_reasons (code, label, description, article, active, position)
        VALUES (${b.code}, ${b.label.trim()}, ${b.description ?? ''}, ${b.article ?? ''}, ${b.active ?? true}, ${b.position ?? 100})
        RETURNING id, ${REASON_COLUMNS}`);
      await auditReasonChange(tx, actorId, 'reason_create', null, rows[0]!);
      return rows[0]!;
    });
    return publicReason(created);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('FLAG_REASON_TAKEN');
    throw err;
  }
}

/** Changes a reason (its code stays), under the `write` limit of `w.subject`; saving without a change logs nothing. */
export async function editReason(w: WriteContext, actorId: number, code: string, b: EditReasonInput) {
  await hit(w, LIMITS_BY_ACTION.write, w.subject);
  const updated = await w.db.transaction(async (tx) => {
    const current = await tx.execute<ReasonRow>(sql`SELECT id, ${REASON_COLUMNS} FROM flag_reasons WHERE code = ${code} FOR UPDATE`);
    const before = current.rows[0];
    if (!before) throw new AppError('FLAG_REASON_NOT_FOUND');
    const { rows } = await tx.execute<ReasonRow>(sql`
      UPDATE flag_reasons SET
        label = coalesce(${b.label?.trim() ?? null}, label),
        description = coalesce(${b.description ?? null}, description),
        article = coalesce(${b.article ?? null}, article),
        active = coalesce(${b.active ?? null}::boolean, active),
        position = coalesce(${b.position ?? null}::int, position),
        updated_at = now()
       WHERE code = ${code}
       RETURNING id, ${REASON_COLUMNS}`);
    const after = rows[0]!;
    if (JSON.stringify(after) !== JSON.stringify(before)) await auditReasonChange(tx, actorId, 'reason_update', before, after);
    return after;
  });
  return publicReason(updated);
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

/** What a decision needs besides its data: the database (its mail to the author is queued there) and the address. */
export interface DecisionDeps {
  db: Db;
  config: Pick<App['config'], 'publicUrl'>;
}

async function notify(tx: DbOrTx, deps: DecisionDeps, item: ItemRow, type: ItemTypeName, input: ActionInput, reason: FlagReasonOut | null, outcome: ActionOutcome, communityName: string) {
  if (input.action === 'keep') return;
  const itemUrl = input.action === 'delete' || input.action === 'ban'
    ? null
    : type === 'post' ? `/publications/${item.post_id}` : `/publications/${item.post_id}#commentaire-${item.id}`;
  const mail = moderationMail(deps.config.publicUrl, item.author_email, item.author_first_name, {
    action: input.action, communityName, reasonLabel: reason?.label ?? null, article: reason?.article || null,
    message: input.message?.trim() ?? '', itemUrl, until: outcome.until ? frenchDateTime(outcome.until) : null,
  });
  // Queued in the decision's transaction (sent by the worker, mail/events.ts): the decision and its mail commit together.
  await queueMail(tx, mail);
}

/**
 * A moderation decision the policy allowed (`actionRefusal`): checked, then applied in one transaction (actions.ts)
 * with its mail to the author queued in it.
 */
export async function decide(deps: DecisionDeps, actor: CurrentUser, item: ItemRow, type: ItemTypeName, input: ActionInput, communityName: string) {
  checkInput(input);
  const reason = input.reasonCode ? await findReason(deps.db, input.reasonCode) : null;
  if (input.reasonCode && !reason) throw new AppError('VALIDATION_FAILED', undefined, { reasonCode: 'Motif inconnu.' });
  return applyAction(deps.db, actor, type, item.id, input, reason ?? null,
    (tx, outcome) => notify(tx, deps, item, type, input, reason ?? null, outcome, communityName));
}
