import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { checkClassification, NO_KIND_FIELDS, parseHttpUrl, type KindFields } from '../posts/kinds.js';
import { insertPost, type PostKind } from '../posts/service.js';
import type { CreatePlannedInput, EditPlannedInput, EditSlotInput, PlannedPayloadValue, SlotInput } from '../../../../common/api/calendar.js';
import { instantSql } from './time.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

/**
 * Writes of the editorial calendar. Authorization is decided by the routes (staff only);
 * each function is one transaction.
 */

async function assertSlotOf(tx: DbOrTx, communityId: number, slotId: number | null | undefined): Promise<void> {
  if (slotId === null || slotId === undefined) return;
  const { rows } = await tx.execute(sql`SELECT 1 FROM editorial_slots WHERE id = ${slotId} AND community_id = ${communityId}`);
  if (rows.length === 0) throw new AppError('SLOT_NOT_FOUND');
}

/** A scheduled post must be publishable as it stands: a body, and a time still to come. */
function assertSchedulable(row: { status: string; body_md: string; past: boolean }): void {
  if (row.status !== 'scheduled') return;
  if (!/\S/.test(row.body_md)) {
    throw new AppError('VALIDATION_FAILED', undefined, { body: 'Rédigez le texte avant de programmer la publication.' });
  }
  if (row.past) throw new AppError('SCHEDULE_IN_PAST');
}

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', undefined, { [field]: message });
}

/**
 * Checks the kind-specific fields as posts/kinds.ts does for a post written now: fields of another kind
 * are refused, the link must be an http(s) URL, the rubrique this community's; when scheduled, the fields
 * the kind needs must be there (nobody is around to fill them at publication time). Returns the payload
 * to store, tags normalised.
 */
async function checkPayload(tx: DbOrTx, communityId: number, kind: PostKind, status: string, payload: PlannedPayloadValue): Promise<PlannedPayloadValue> {
  if (payload.articleType !== undefined && kind !== 'article') invalid('payload.articleType', 'Le type ne concerne que les articles.');
  if (payload.link !== undefined && kind !== 'veille' && kind !== 'ressource') invalid('payload.link', 'Un lien accompagne une veille ou une ressource.');
  if (payload.link?.url.trim()) parseHttpUrl(payload.link.url);
  const { tags } = await checkClassification(tx, communityId, { tags: payload.tags, rubriqueId: payload.rubriqueId });
  if (status === 'scheduled') {
    if (kind === 'article' && !payload.articleType) invalid('payload.articleType', 'Choisissez le type d’article avant de programmer la publication.');
    if ((kind === 'veille' || kind === 'ressource') && !payload.link?.url.trim()) invalid('payload.link.url', 'Indiquez le lien avant de programmer la publication.');
  }
  return tags === undefined ? payload : { ...payload, tags };
}

/** The post's kind columns from a checked payload; a rubrique deleted since planning is dropped. */
async function kindFields(tx: DbOrTx, communityId: number, kind: PostKind, payload: PlannedPayloadValue): Promise<KindFields> {
  const fields: KindFields = { ...NO_KIND_FIELDS, tags: payload.tags ?? [] };
  if (kind === 'article') fields.articleType = payload.articleType ?? null;
  if ((kind === 'veille' || kind === 'ressource') && payload.link?.url.trim()) {
    const blank = (v: string | undefined) => v?.trim() || null;
    fields.linkUrl = parseHttpUrl(payload.link.url).href;
    fields.linkTitle = blank(payload.link.title);
    fields.linkDescription = blank(payload.link.description);
    fields.linkSource = blank(payload.link.source);
  }
  if (payload.rubriqueId != null) {
    const { rows } = await tx.execute(sql`SELECT 1 FROM rubriques WHERE id = ${payload.rubriqueId} AND community_id = ${communityId}`);
    if (rows.length > 0) fields.rubriqueId = payload.rubriqueId;
  }
  return fields;
}

type Written = {
  id: number;
  status: string;
  planned_at: Date | string;
}

export async function createPlanned(db: Db, communityId: number, authorId: number, input: CreatePlannedInput): Promise<Written> {
  const plannedAt = instantSql(input.plannedAt);
  return db.transaction(async (tx) => {
    await assertSlotOf(tx, communityId, input.slotId);
    const payload = await checkPayload(tx, communityId, input.kind ?? 'discussion', input.status ?? 'draft', input.payload ?? {});
    const { rows } = await tx.execute<Written & { body_md: string; past: boolean }>(sql`
      INSERT INTO planned_posts (community_id, author_id, kind, title, body_md, payload, planned_at, status, slot_id)
      VALUES (${communityId}, ${authorId}, ${input.kind ?? 'discussion'}, ${input.title.trim()}, ${input.body ?? ''},
              ${JSON.stringify(payload)}::jsonb, ${plannedAt}, ${input.status ?? 'draft'}, ${input.slotId ?? null})
      RETURNING id, status, planned_at, body_md, planned_at <= now() AS past`);
    const row = rows[0]!;
    assertSchedulable(row);
    return row;
  });
}

export async function editPlanned(db: Db, id: number, input: EditPlannedInput): Promise<Written> {
  const plannedAt = input.plannedAt === undefined ? undefined : instantSql(input.plannedAt);
  return db.transaction(async (tx) => {
    const { rows: current } = await tx.execute<{ community_id: number; status: string; kind: PostKind; payload: PlannedPayloadValue }>(sql`
      SELECT community_id, status, kind, payload FROM planned_posts WHERE id = ${id} FOR UPDATE`);
    const row = current[0];
    if (!row) throw new AppError('PLANNED_POST_NOT_FOUND');
    if (row.status === 'published' || row.status === 'cancelled') throw new AppError('PLANNED_POST_CLOSED');
    if (input.slotId !== undefined) await assertSlotOf(tx, row.community_id, input.slotId);
    // Checked as it will stand after the change: a new kind or status meets the payload kept.
    const payload = await checkPayload(tx, row.community_id, input.kind ?? row.kind, input.status ?? row.status, input.payload ?? row.payload);
    const { rows } = await tx.execute<Written & { body_md: string; past: boolean }>(sql`
      UPDATE planned_posts SET
        kind = COALESCE(${input.kind ?? null}::post_kind, kind),
        title = COALESCE(${input.title?.trim() ?? null}, title),
        body_md = COALESCE(${input.body ?? null}, body_md),
        payload = ${JSON.stringify(payload)}::jsonb,
        planned_at = ${plannedAt ?? sql`planned_at`},
        status = COALESCE(${input.status ?? null}::planned_post_status, status),
        slot_id = ${input.slotId === undefined ? sql`slot_id` : input.slotId},
        updated_at = now()
       WHERE id = ${id}
      RETURNING id, status, planned_at, body_md, planned_at <= now() AS past`);
    const written = rows[0]!;
    assertSchedulable(written);
    return written;
  });
}

export async function cancelPlanned(db: Db, id: number): Promise<void> {
  const { rows } = await db.execute(sql`
    UPDATE planned_posts SET status = 'cancelled', updated_at = now()
     WHERE id = ${id} AND status IN ('draft', 'scheduled') RETURNING id`);
  if (rows.length === 0) throw new AppError('PLANNED_POST_CLOSED');
}

/**
 * Publishes one scheduled post whose time has come, exactly once.
 * The conditional UPDATE claims the row: a second worker running at the same moment waits for the
 * first one's lock, then finds the status no longer 'scheduled' and does nothing. The post is
 * inserted in the same transaction, so a crash leaves neither the post nor the claim.
 * Returns the new post's id, or null when there was nothing (left) to publish.
 */
export async function publishPlannedPost(db: Db, id: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ community_id: number; author_id: number; kind: PostKind; title: string; body_md: string; payload: PlannedPayloadValue }>(sql`
      UPDATE planned_posts SET status = 'published', updated_at = now()
       WHERE id = ${id} AND status = 'scheduled' AND planned_at <= now()
      RETURNING community_id, author_id, kind, title, body_md, payload`);
    const claimed = rows[0];
    if (!claimed) return null;
    const postId = await insertPost(tx, claimed.community_id, claimed.author_id, {
      title: claimed.title, body: claimed.body_md, kind: claimed.kind,
      fields: await kindFields(tx, claimed.community_id, claimed.kind, claimed.payload),
    });
    await tx.execute(sql`UPDATE planned_posts SET post_id = ${postId} WHERE id = ${id}`);
    return postId;
  });
}

/**
 * Publishes every scheduled post whose time has passed: covers a job lost or a worker that was down.
 * One transaction per post, so one failing post does not hold back the others.
 */
export async function publishDuePlannedPosts(db: Db, log: (msg: string) => void = () => {}, batch = 100): Promise<number> {
  const { rows } = await db.execute<{ id: number }>(sql`
    SELECT id FROM planned_posts WHERE status = 'scheduled' AND planned_at <= now() ORDER BY planned_at, id LIMIT ${batch}`);
  let published = 0;
  for (const { id } of rows) {
    try {
      if ((await publishPlannedPost(db, id)) !== null) published += 1;
    } catch (err) {
      log(`publication programmée ${id} : échec (${(err as Error).message})`);
    }
  }
  return published;
}

export async function createSlot(db: Db, communityId: number, userId: number, input: SlotInput): Promise<number> {
  const { rows } = await db.execute<{ id: number }>(sql`
    INSERT INTO editorial_slots (community_id, label, kind, weekday, time_of_day, interval_weeks, starts_on, active, created_by)
    VALUES (${communityId}, ${input.label.trim()}, ${input.kind ?? 'discussion'}, ${input.weekday}, ${input.time}::time,
            ${input.intervalWeeks ?? 1}, COALESCE(${input.startsOn ?? null}::date, (now() AT TIME ZONE ${parisZoneSql})::date),
            ${input.active ?? true}, ${userId})
    RETURNING id`);
  return rows[0]!.id;
}

export async function editSlot(db: Db, id: number, input: EditSlotInput): Promise<void> {
  const { rows } = await db.execute(sql`
    UPDATE editorial_slots SET
      label = COALESCE(${input.label?.trim() ?? null}, label),
      kind = COALESCE(${input.kind ?? null}::post_kind, kind),
      weekday = COALESCE(${input.weekday ?? null}::smallint, weekday),
      time_of_day = COALESCE(${input.time ?? null}::time, time_of_day),
      interval_weeks = COALESCE(${input.intervalWeeks ?? null}::smallint, interval_weeks),
      starts_on = COALESCE(${input.startsOn ?? null}::date, starts_on),
      active = COALESCE(${input.active ?? null}::boolean, active),
      updated_at = now()
     WHERE id = ${id} RETURNING id`);
  if (rows.length === 0) throw new AppError('SLOT_NOT_FOUND');
}

export async function deleteSlot(db: Db, id: number): Promise<void> {
  const { rows } = await db.execute(sql`DELETE FROM editorial_slots WHERE id = ${id} RETURNING id`);
  if (rows.length === 0) throw new AppError('SLOT_NOT_FOUND');
}
