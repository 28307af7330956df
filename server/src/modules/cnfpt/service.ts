import { sql } from 'drizzle-orm';
import type { CnfptResourceType } from '../../../../common/cnfpt.js';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole } from '../communities/policy.js';
import { resolveKindInput } from '../posts/kinds.js';
import { insertPost } from '../posts/service.js';
import { assertContributionAllowed } from '../trust/service.js';
import { POLL_INTERVAL_MINUTES, type FetchResult } from '../veille/poller.js';
import { storeCnfptEntries } from './poller.js';

/** Writes of the CNFPT resources, each in one transaction. Authorization is decided by the routes. */

/** Registers a national source whose first fetch succeeded (done before: no transaction waits on a remote site), with its items. */
export async function createCnfptSource(
  db: Db,
  userId: number,
  input: { url: string; title: string | null; resourceType: CnfptResourceType },
  first: Extract<FetchResult, { kind: 'feed' }>,
  max: number,
): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      // Serialises additions, so two at once cannot both pass the cap.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('cnfpt_sources'))`);
      const { rows: count } = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cnfpt_sources`);
      if (count[0]!.n >= max) throw new AppError('CNFPT_SOURCES_LIMIT');
      const title = (input.title ?? '').trim() || first.feed.title || new URL(input.url).hostname;
      const { rows } = await tx.execute<{ id: number }>(sql`
        INSERT INTO cnfpt_sources (url, title, resource_type, created_by, etag, last_modified, last_polled_at, last_success_at, next_poll_at)
        VALUES (${input.url}, ${title.slice(0, LIMITS.veilleSourceTitle)}, ${input.resourceType}, ${userId}, ${first.etag}, ${first.lastModified},
                now(), now(), now() + make_interval(mins => ${POLL_INTERVAL_MINUTES}))
        RETURNING id`);
      const id = rows[0]!.id;
      const added = await storeCnfptEntries(tx, id, first.feed.entries);
      await tx.execute(sql`UPDATE cnfpt_sources SET item_count = ${added} WHERE id = ${id}`);
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'cnfpt_sources_url_key')) throw new AppError('CNFPT_SOURCE_EXISTS');
    throw err;
  }
}

/** Removes a source and its items from every inbox; resources already promoted stay as posts. */
export async function deleteCnfptSource(db: Db, sourceId: number): Promise<void> {
  const { rows } = await db.execute(sql`DELETE FROM cnfpt_sources WHERE id = ${sourceId} RETURNING id`);
  if (rows.length === 0) throw new AppError('CNFPT_SOURCE_NOT_FOUND');
}

type ItemRow = { id: number; link: string; title: string; summary: string; resource_type: CnfptResourceType };

/**
 * Records the community's decision on the item. The decision's primary key makes it once per
 * community: a second animator (or a double click) waits for the first and gets CNFPT_ITEM_DECIDED.
 */
async function decide(tx: Tx, communityId: number, itemId: number, userId: number, status: 'promoted' | 'dismissed'): Promise<ItemRow> {
  const { rows } = await tx.execute<ItemRow>(sql`
    SELECT i.id, i.link, i.title, i.summary, s.resource_type FROM cnfpt_items i JOIN cnfpt_sources s ON s.id = i.source_id WHERE i.id = ${itemId}`);
  const item = rows[0];
  if (!item) throw new AppError('CNFPT_ITEM_NOT_FOUND');
  const { rows: inserted } = await tx.execute(sql`
    INSERT INTO cnfpt_item_decisions (community_id, item_id, status, decided_by) VALUES (${communityId}, ${itemId}, ${status}, ${userId})
    ON CONFLICT DO NOTHING RETURNING item_id`);
  if (inserted.length === 0) throw new AppError('CNFPT_ITEM_DECIDED');
  return item;
}

export interface PromoteInput {
  title?: string;
  commentary?: string;
  cnfptType?: CnfptResourceType;
  rubriqueId?: number | null;
}

/** Turns a national item into a « ressource CNFPT » post of the community and files it there, at once. */
export async function promoteItem(
  db: Db,
  user: CurrentUser,
  role: CommunityRole | null,
  communityId: number,
  itemId: number,
  input: PromoteInput,
  beforeWrite: (tx: Tx) => Promise<void>,
): Promise<number> {
  return db.transaction(async (tx) => {
    await beforeWrite(tx);
    const item = await decide(tx, communityId, itemId, user.id, 'promoted');
    const { kind, title, fields } = await resolveKindInput(tx, user, role, communityId, {
      kind: 'ressource',
      title: input.title?.trim() || item.title.slice(0, LIMITS.postTitle),
      link: { url: item.link, title: item.title.slice(0, LIMITS.linkTitle), description: item.summary.slice(0, LIMITS.linkDescription) },
      cnfptType: input.cnfptType ?? item.resource_type,
      rubriqueId: input.rubriqueId ?? null,
    });
    // A post has a body: the animator's word, else the catalogue's own summary, else a plain sentence.
    const body = input.commentary?.trim() || item.summary.slice(0, LIMITS.postBody).trim() || `Une ressource du CNFPT à découvrir : ${title}.`;
    await assertContributionAllowed(tx, { kind: 'post', authorId: user.id, communityId, postKind: kind, title, body });
    const postId = await insertPost(tx, communityId, user.id, { kind, title, body, fields });
    await tx.execute(sql`UPDATE cnfpt_item_decisions SET post_id = ${postId} WHERE community_id = ${communityId} AND item_id = ${item.id}`);
    return postId;
  });
}

export async function dismissCnfptItem(db: Db, userId: number, communityId: number, itemId: number, beforeWrite: (tx: Tx) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await beforeWrite(tx);
    await decide(tx, communityId, itemId, userId, 'dismissed');
  });
}
