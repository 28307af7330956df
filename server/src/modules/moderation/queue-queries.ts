import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, toIso, type PgKeyset } from '../../lib/cursor.js';
import { named, variant } from '../../lib/named-query.js';
import type { CommunityRole } from '../communities/policy.js';
import { allowedActions, type Moderator } from '../sanctions/rank.js';
import type { QueueItemOut } from '../../../../common/api/moderation.js';

/**
 * The review queue: pending flags grouped by item, oldest waiting first.
 * One statement for the page (keyset, the item, its community and author), then three batched
 * statements for the whole page (reasons with counts, reporters, authors' history): never a query per row.
 * An item's key is its oldest pending flag (created_at, id), which no other item shares: a total order.
 * All four are named statements: planning them cost more than running them (bench/moderation.ts).
 */

interface GroupRow extends Record<string, unknown> {
  id: number;
  created_at: string;
  post_id: number | null;
  comment_id: number | null;
  item_post_id: number;
  title: string;
  excerpt: string;
  body_md: string;
  item_created_at: string;
  hidden: boolean;
  deleted: boolean;
  moderated: boolean;
  community_id: number;
  community_slug: string;
  community_name: string;
  author_id: number;
  author_first_name: string;
  author_last_name: string;
  author_national_role: string | null;
  author_role: CommunityRole | null;
}

/** Room for the queue page to say "and N more"; the counts stay exact. */
const REPORTERS_PER_ITEM = 20;

/** `{1,2,3}`: an integer array parameter (drizzle would spread a JS array into a list). */
export function intArray(ids: number[]): SQL {
  return sql`${`{${ids.map((n) => Math.trunc(n)).join(',')}}`}::bigint[]`;
}

export async function queueGroups(db: DbOrTx, communityId: number | null, cursor: PgKeyset | undefined, limit: number): Promise<GroupRow[]> {
  const scope = communityId === null ? sql`` : sql`AND f.community_id = ${communityId}`;
  const after = cursor ? sql`AND (f.created_at, f.id) > (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  // Walks pending flags oldest first and keeps those with no older pending flag on the same item:
  // each item then appears once, at its oldest flag, already in queue order. No aggregate over all
  // pending flags, so a page reads about its own size off the indexes.
  return named<GroupRow>(db, variant('moderation-queue', { network: communityId === null, after: cursor !== undefined }), sql`
    WITH g AS (
      SELECT f.post_id, f.comment_id, f.created_at AS oldest, f.id AS key_id
        FROM flags f
       WHERE f.status = 'pending' ${scope} ${after}
         AND NOT EXISTS (SELECT 1 FROM flags e WHERE e.status = 'pending' AND e.post_id = f.post_id
                            AND (e.created_at, e.id) < (f.created_at, f.id))
         AND NOT EXISTS (SELECT 1 FROM flags e WHERE e.status = 'pending' AND e.comment_id = f.comment_id
                            AND (e.created_at, e.id) < (f.created_at, f.id))
       ORDER BY f.created_at, f.id
       LIMIT ${limit + 1}
    )
    SELECT g.key_id AS id, ${isoText('g.oldest')} AS created_at, g.post_id, g.comment_id,
           p.id AS item_post_id, p.title,
           CASE WHEN k.id IS NULL THEN p.excerpt ELSE left(k.body_md, 300) END AS excerpt,
           coalesce(k.body_md, p.body_md) AS body_md,
           ${isoText('coalesce(k.created_at, p.created_at)')} AS item_created_at,
           coalesce(k.hidden_at, p.hidden_at) IS NOT NULL AS hidden,
           coalesce(k.deleted_at, p.deleted_at) IS NOT NULL AS deleted,
           CASE WHEN k.id IS NULL THEN p.moderated_at ELSE k.moderated_at END IS NOT NULL AS moderated,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name,
           u.national_role AS author_national_role,
           (SELECT m.role FROM memberships m WHERE m.community_id = c.id AND m.user_id = u.id) AS author_role
      FROM g
      LEFT JOIN comments k ON k.id = g.comment_id
      JOIN posts p ON p.id = coalesce(g.post_id, k.post_id)
      JOIN communities c ON c.id = p.community_id
      JOIN users u ON u.id = coalesce(k.author_id, p.author_id)
     ORDER BY g.oldest, g.key_id`);
}

interface ReasonCountRow extends Record<string, unknown> {
  post_id: number | null; comment_id: number | null; code: string; label: string; article: string; count: number;
}
interface ReporterRow extends Record<string, unknown> {
  post_id: number | null; comment_id: number | null; id: number; first_name: string; last_name: string;
  reason_code: string; comment: string; created_at: string;
}
interface AuthorRow extends Record<string, unknown> {
  id: number; post_count: number; comment_count: number; actions: Record<string, number>;
  suspended_until: string | null; banned: boolean;
}

/**
 * The pending flags of the page's items as a CTE `f`: two probes of the partial per-item indexes
 * (one OR over both columns would read every flag of the table).
 */
function pageFlags(postIds: number[], commentIds: number[]): SQL {
  const columns = sql`id, post_id, comment_id, reporter_id, reason_code, comment, created_at`;
  return sql`WITH f AS (
      SELECT ${columns} FROM flags WHERE status = 'pending' AND post_id = ANY(${intArray(postIds)})
      UNION ALL
      SELECT ${columns} FROM flags WHERE status = 'pending' AND comment_id = ANY(${intArray(commentIds)}))`;
}

const key = (postId: number | null, commentId: number | null) => (postId ? `p${postId}` : `c${commentId}`);

/** Adds reasons, reporters and the author's history to a page of groups, in three queries. */
export async function presentQueue(db: DbOrTx, groups: GroupRow[], viewer: Moderator): Promise<QueueItemOut[]> {
  if (groups.length === 0) return [];
  const postIds = groups.flatMap((g) => (g.post_id ? [g.post_id] : []));
  const commentIds = groups.flatMap((g) => (g.comment_id ? [g.comment_id] : []));
  const authorIds = [...new Set(groups.map((g) => g.author_id))];
  const [reasons, reporters, authors] = await Promise.all([
    named<ReasonCountRow>(db, 'moderation-queue-reasons', sql`
      ${pageFlags(postIds, commentIds)}
      SELECT f.post_id, f.comment_id, r.code, r.label, r.article, count(*)::int AS count
        FROM f JOIN flag_reasons r ON r.code = f.reason_code
       GROUP BY f.post_id, f.comment_id, r.code, r.label, r.article, r.position
       ORDER BY count(*) DESC, r.position`),
    named<ReporterRow>(db, 'moderation-queue-reporters', sql`
      ${pageFlags(postIds, commentIds)}
      SELECT * FROM (
        SELECT f.post_id, f.comment_id, u.id, u.first_name, u.last_name, f.reason_code, f.comment,
               ${isoText('f.created_at')} AS created_at,
               row_number() OVER (PARTITION BY f.post_id, f.comment_id ORDER BY f.created_at, f.id) AS n
          FROM f JOIN users u ON u.id = f.reporter_id
      ) x WHERE n <= ${REPORTERS_PER_ITEM} ORDER BY created_at`),
    named<AuthorRow>(db, 'moderation-queue-authors', sql`
      SELECT u.id,
             (SELECT count(*) FROM posts p WHERE p.author_id = u.id AND p.deleted_at IS NULL)::int AS post_count,
             (SELECT count(*) FROM comments k WHERE k.author_id = u.id AND k.deleted_at IS NULL)::int AS comment_count,
             (SELECT coalesce(json_object_agg(a.action, a.n), '{}'::json) FROM (
                SELECT m.action, count(*)::int AS n FROM moderation_audit m
                 WHERE m.target_user_id = u.id AND m.action NOT IN ('keep', 'unhide') GROUP BY m.action) a) AS actions,
             (SELECT ${isoText('max(s.until)')} FROM community_suspensions s WHERE s.user_id = u.id AND s.until > now()) AS suspended_until,
             u.banned_at IS NOT NULL AS banned
        FROM users u WHERE u.id = ANY(${intArray(authorIds)})`),
  ]);
  const reasonsBy = groupBy(reasons, (r) => key(r.post_id, r.comment_id));
  const reportersBy = groupBy(reporters, (r) => key(r.post_id, r.comment_id));
  const authorsBy = new Map(authors.map((a) => [a.id, a]));
  return groups.map((g) => {
    const k = key(g.post_id, g.comment_id);
    const a = authorsBy.get(g.author_id);
    const type = g.comment_id ? 'comment' as const : 'post' as const;
    const id = (g.comment_id ?? g.post_id)!;
    return {
      type, id, postId: g.item_post_id,
      community: { id: g.community_id, slug: g.community_slug, name: g.community_name },
      title: g.title, excerpt: g.excerpt, bodyMd: g.body_md,
      link: type === 'post' ? `/publications/${g.item_post_id}` : `/publications/${g.item_post_id}#commentaire-${id}`,
      createdAt: toIso(g.item_created_at), hidden: g.hidden, deleted: g.deleted, moderated: g.moderated,
      author: {
        id: g.author_id, firstName: g.author_first_name, lastName: g.author_last_name,
        postCount: a?.post_count ?? 0, commentCount: a?.comment_count ?? 0, actions: a?.actions ?? {},
        suspendedUntil: toIso(a?.suspended_until ?? null), banned: a?.banned ?? false,
      },
      flagCount: (reasonsBy.get(k) ?? []).reduce((n, r) => n + r.count, 0),
      reasons: (reasonsBy.get(k) ?? []).map((r) => ({ code: r.code, label: r.label, article: r.article, count: r.count })),
      reporters: (reportersBy.get(k) ?? []).map((r) => ({
        id: r.id, firstName: r.first_name, lastName: r.last_name, reasonCode: r.reason_code, comment: r.comment, createdAt: toIso(r.created_at),
      })),
      oldestFlagAt: toIso(g.created_at),
      can: { actions: allowedActions(viewer, { id: g.author_id, nationalRole: g.author_national_role, role: g.author_role }) },
    };
  });
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row); else map.set(k, [row]);
  }
  return map;
}
