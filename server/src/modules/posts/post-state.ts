import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';
import { named } from '../../lib/named-query.js';
import { batchPerHandle, TickBatch } from '../../lib/tick-batch.js';
import type { PostKind } from './service.js';

/** The state of a post as one reader sees it: the hot statement of the post page, its comments and commenting. */

/** What decides who sees a post and what they may do with it, plus the version of its page. */
export interface PostStateRow extends Record<string, unknown> {
  id: number;
  kind: PostKind;
  author_id: number;
  community_id: number;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  useful_by_me: boolean;
  hidden: boolean;
  /** xmin of the row (and of a shared original): any update of the post (counters, edits, moderation, its comments via trigger) changes it. */
  version: string;
  /** Asked for by the post page of a signed-in reader who may see the post. */
  reading?: PostReading | null;
}

/** What a signed-in reader had seen of a post before this visit, and whether they saved it (record_post_read, migration 0054). */
export interface PostReading {
  /** False on the first visit: nothing is marked new then. */
  seen: boolean;
  /** The newest comment they had been shown; null when there was none. */
  lastCommentId: number | null;
  /** The post's newest comment now: with `lastCommentId`, tells the page whether unread comments lie beyond its first page. */
  newestCommentId: number | null;
  bookmarked: boolean;
}

/**
 * The cheap half of a post page: visibility, my role, my reaction and the page version, from
 * primary-key and unique-index lookups only. The rest comes from the page cache when the version matches.
 * With `recordRead`, the same statement records the signed-in reader's reading of the post (record_post_read) and
 * returns where they stopped last time: the post page's one round trip.
 *
 * Every post page, comments page and comment asks for it: the calls of one turn of the event loop on one
 * connection pool (or transaction) are answered by one statement (TickBatch).
 */
export function findPostState(db: DbOrTx, id: number, user: CurrentUser | null, recordRead = false): Promise<PostStateRow | undefined> {
  const me = user?.id ?? null;
  return stateBatch(db).load({ id, me, admin: user?.nationalRole === 'admin', record: recordRead && me !== null });
}

interface StateKey { id: number; me: number | null; admin: boolean; record: boolean }

const stateBatch = batchPerHandle((db: DbOrTx) => new TickBatch<StateKey, PostStateRow>(
  (keys) => findPostStates(db, keys),
  (k) => `${k.id}:${k.me}:${k.admin}:${k.record}`,
  // Readings are written in one order by every batch: reader, then post.
  { order: (a, b) => ((a.me ?? 0) - (b.me ?? 0)) || a.id - b.id },
));

async function findPostStates(db: DbOrTx, keys: StateKey[]): Promise<(PostStateRow | undefined)[]> {
  const column = <T>(pick: (k: StateKey) => T) => sql.param(keys.map(pick));
  const rows = await named<PostStateRow & { i: number }>(db, 'post-states', sql`
    SELECT q.i::int AS i, p.id, p.kind, p.author_id, p.community_id, c.status AS community_status, m.role AS my_role,
           p.hidden_at IS NOT NULL AS hidden,
           -- A partage shows its original: hiding or editing the original changes the page too.
           p.xmin::text || coalesce(':' || o.xmin::text, '') AS version,
           EXISTS (SELECT 1 FROM post_reactions r WHERE r.post_id = p.id AND r.user_id = q.me) AS useful_by_me,
           -- The rules of assertVisible (posts/context.ts): no reading is recorded for a page the reader will be refused.
           CASE WHEN q.record
                 AND (c.status <> 'draft' OR m.role = 'coordinator' OR q.admin)
                 AND (p.hidden_at IS NULL OR p.author_id = q.me OR m.role IN ('animator', 'coordinator') OR q.admin)
                THEN record_post_read(q.me, p.id) END AS reading
      FROM unnest(${column((k) => k.id)}::bigint[], ${column((k) => k.me)}::bigint[], ${column((k) => k.admin)}::boolean[],
                  ${column((k) => k.record)}::boolean[]) WITH ORDINALITY AS q(id, me, admin, record, i)
      JOIN posts p ON p.id = q.id AND p.deleted_at IS NULL
      JOIN communities c ON c.id = p.community_id
      LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = q.me
      LEFT JOIN posts o ON o.id = p.shared_post_id`);
  const answers: (PostStateRow | undefined)[] = new Array(keys.length);
  for (const { i, ...row } of rows) answers[i - 1] = row;
  return answers;
}
