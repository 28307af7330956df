import { sql } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole } from '../communities/policy.js';
import { resolveKindInput } from '../posts/kinds.js';
import { insertPost } from '../posts/service.js';
import { assertContributionAllowed } from '../trust/service.js';
import { POLL_INTERVAL_MINUTES, storeEntries, type FetchResult } from './poller.js';

/** Writes of the veille module, each in one transaction. Authorization is decided by the routes. */

/**
 * Registers a source whose first fetch succeeded, with the items it brought, in one transaction.
 * The fetch happened before (no transaction waits on a remote site).
 */
export async function createSource(
  db: Db,
  communityId: number,
  userId: number,
  input: { url: string; title: string | null },
  first: Extract<FetchResult, { kind: 'feed' }>,
): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      // The count is read under the community's row lock, so two concurrent additions cannot both pass the cap.
      await tx.execute(sql`SELECT 1 FROM communities WHERE id = ${communityId} FOR UPDATE`);
      const { rows: count } = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM veille_sources WHERE community_id = ${communityId}`);
      if (count[0]!.n >= LIMITS.veilleSourcesPerCommunity) throw new AppError('VEILLE_SOURCES_LIMIT');
      const title = (input.title ?? '').trim() || first.feed.title || new URL(input.url).hostname;
      const { rows } = await tx.execute<{ id: number }>(sql`
        INSERT INTO veille_sources (community_id, url, title, created_by, etag, last_modified, last_polled_at, last_success_at, next_poll_at)
        VALUES (${communityId}, ${input.url}, ${title.slice(0, LIMITS.veilleSourceTitle)}, ${userId}, ${first.etag}, ${first.lastModified},
                now(), now(), now() + make_interval(mins => ${POLL_INTERVAL_MINUTES}))
        RETURNING id`);
      const id = rows[0]!.id;
      const added = await storeEntries(tx, id, communityId, first.feed.entries);
      await tx.execute(sql`UPDATE veille_sources SET item_count = ${added} WHERE id = ${id}`);
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'veille_sources_community_url_key')) throw new AppError('VEILLE_SOURCE_EXISTS');
    throw err;
  }
}

export async function renameSource(db: Db, communityId: number, sourceId: number, title: string): Promise<void> {
  const { rows } = await db.execute(sql`
    UPDATE veille_sources SET title = ${title.trim()} WHERE id = ${sourceId} AND community_id = ${communityId} RETURNING id`);
  if (rows.length === 0) throw new AppError('VEILLE_SOURCE_NOT_FOUND');
}

/** Removes a source and its undecided items; posts already published from it stay. */
export async function deleteSource(db: Db, communityId: number, sourceId: number): Promise<void> {
  const { rows } = await db.execute(sql`DELETE FROM veille_sources WHERE id = ${sourceId} AND community_id = ${communityId} RETURNING id`);
  if (rows.length === 0) throw new AppError('VEILLE_SOURCE_NOT_FOUND');
}

type ItemRow = { id: number; link: string; title: string; summary: string; status: string; source_title: string };

/** The item, locked; decided items answer 409 so a double click or two animators publish once. */
async function lockNewItem(tx: Tx, communityId: number, itemId: number): Promise<ItemRow> {
  const { rows } = await tx.execute<ItemRow>(sql`
    SELECT i.id, i.link, i.title, i.summary, i.status, s.title AS source_title
      FROM veille_items i JOIN veille_sources s ON s.id = i.source_id
     WHERE i.id = ${itemId} AND i.community_id = ${communityId}
       FOR UPDATE OF i`);
  const item = rows[0];
  if (!item) throw new AppError('VEILLE_ITEM_NOT_FOUND');
  if (item.status !== 'new') throw new AppError('VEILLE_ITEM_DECIDED');
  return item;
}

export interface PublishInput {
  commentary: string;
  title?: string;
  rubriqueId?: number | null;
  tags?: string[];
}

/** Publishes an inbox item as a veille post with the animator's commentary, and files the item, at once. */
export async function publishItem(
  db: Db,
  user: CurrentUser,
  role: CommunityRole | null,
  communityId: number,
  itemId: number,
  input: PublishInput,
  beforeWrite: (tx: Tx) => Promise<void>,
): Promise<number> {
  return db.transaction(async (tx) => {
    await beforeWrite(tx);
    const item = await lockNewItem(tx, communityId, itemId);
    const { kind, title, fields } = await resolveKindInput(tx, user, role, communityId, {
      kind: 'veille',
      title: input.title?.trim() || item.title.slice(0, LIMITS.postTitle),
      link: {
        url: item.link,
        title: item.title.slice(0, LIMITS.linkTitle),
        description: item.summary.slice(0, LIMITS.linkDescription),
        source: item.source_title.slice(0, LIMITS.linkSource),
      },
      rubriqueId: input.rubriqueId ?? null,
      tags: input.tags,
    });
    await assertContributionAllowed(tx, { kind: 'post', authorId: user.id, communityId, postKind: kind, title, body: input.commentary });
    const postId = await insertPost(tx, communityId, user.id, { kind, title, body: input.commentary, fields });
    await tx.execute(sql`
      UPDATE veille_items SET status = 'published', post_id = ${postId}, decided_by = ${user.id}, decided_at = now() WHERE id = ${item.id}`);
    return postId;
  });
}

export async function dismissItem(
  db: Db,
  userId: number,
  communityId: number,
  itemId: number,
  beforeWrite: (tx: Tx) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await beforeWrite(tx);
    const item = await lockNewItem(tx, communityId, itemId);
    await tx.execute(sql`UPDATE veille_items SET status = 'dismissed', decided_by = ${userId}, decided_at = now() WHERE id = ${item.id}`);
  });
}
