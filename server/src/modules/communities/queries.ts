import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { LIMITS } from '../../../../common/limits.js';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole, type CommunityStatus } from './policy.js';
import { loadCommunityContext, type CommunityContext } from './context.js';
import { decodeNameCursor, encodeNameCursor } from './cursors.js';
import { decodeKeyset, isoText, keysetPage, toIso } from '../../lib/cursor.js';

type SummaryRow = {
  id: number;
  slug: string;
  name: string;
  description: string;
  status: CommunityStatus;
  launch_date: string | null;
  member_count: number;
  post_count: number;
  role: CommunityRole | null;
};

function presentSummary(row: SummaryRow) {
  return {
    id: row.id, slug: row.slug, name: row.name, description: row.description, status: row.status,
    launchDate: row.launch_date, memberCount: row.member_count, postCount: row.post_count, myRole: row.role,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The directory, ordered by name. One query: the viewer's membership is joined for the page,
 * counts are the stored counters, and drafts show only to the national admin and their coordinators.
 */
export async function listDirectory(
  db: DbOrTx,
  user: CurrentUser | null,
  opts: { q?: string; status?: CommunityStatus; cursor?: string; limit?: number },
) {
  const limit = opts.limit ?? LIMITS.pageSize;
  const after = decodeNameCursor(opts.cursor);
  const q = opts.q?.trim() ? `%${escapeLike(opts.q.trim())}%` : null;
  const { rows } = await db.execute<SummaryRow>(sql`
    SELECT c.id, c.slug, c.name, c.description, c.status, c.launch_date::text AS launch_date,
           c.member_count, c.post_count, m.role
      FROM communities c
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user?.id ?? null}::bigint
     WHERE (c.status <> 'draft' OR ${isNationalAdmin(user)}::boolean OR m.role = 'coordinator')
       AND (${opts.status ?? null}::community_status IS NULL OR c.status = ${opts.status ?? null}::community_status)
       AND (${q}::text IS NULL OR immutable_unaccent(lower(c.name)) ILIKE immutable_unaccent(lower(${q}::text)))
       AND (${after?.name ?? null}::text IS NULL OR (c.name, c.id) > (${after?.name ?? null}::text, ${after?.id ?? null}::bigint))
     ORDER BY c.name, c.id
     LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentSummary),
    nextCursor: rows.length > limit && last ? encodeNameCursor(last.name, last.id) : null,
  };
}

/** The full `Community` answer: the context plus staff and related communities (two indexed queries). */
export async function presentCommunity(db: DbOrTx, user: CurrentUser | null, ctx: CommunityContext) {
  const c = ctx.community;
  const [staff, related] = await Promise.all([
    db.execute<{ id: number; first_name: string; last_name: string; role: CommunityRole }>(sql`
      SELECT u.id, u.first_name, u.last_name, m.role
        FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.community_id = ${c.id} AND m.role IN ('animator', 'coordinator') AND u.deleted_at IS NULL
       ORDER BY u.last_name, u.first_name, u.id`),
    db.execute<{ id: number; slug: string; name: string }>(sql`
      SELECT c.id, c.slug, c.name
        FROM community_relations r JOIN communities c ON c.id = r.related_id
       WHERE r.community_id = ${c.id} AND (c.status <> 'draft' OR ${isNationalAdmin(user)}::boolean)
       ORDER BY c.name, c.id`),
  ]);
  const ref = (r: { id: number; first_name: string; last_name: string }) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name });
  return {
    ...presentSummary({
      id: c.id, slug: c.slug, name: c.name, description: c.description, status: c.status, launch_date: c.launchDate,
      member_count: c.memberCount, post_count: c.postCount, role: ctx.role,
    }),
    perimeter: c.perimeter,
    targetAudience: c.targetAudience,
    editorialLine: c.editorialLine,
    related: related.rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name })),
    coordinators: staff.rows.filter((r) => r.role === 'coordinator').map(ref),
    animators: staff.rows.filter((r) => r.role === 'animator').map(ref),
    can: ctx.can,
  };
}

export async function loadCommunity(db: DbOrTx, ref: string | number, user: CurrentUser | null) {
  return presentCommunity(db, user, await loadCommunityContext(db, ref, user));
}

/** Members, newest first, optionally one role; keyset on (joined_at, user_id). */
export async function listMembers(db: DbOrTx, communityId: number, opts: { role?: CommunityRole; cursor?: string; limit?: number }) {
  const limit = opts.limit ?? LIMITS.pageSize;
  const after = decodeKeyset(opts.cursor);
  const { rows } = await db.execute<{
    id: number; first_name: string; last_name: string; employer: string; job: string;
    role: CommunityRole; created_at: string;
  }>(sql`
    SELECT u.id, u.first_name, u.last_name, u.employer, u.job, m.role, ${isoText('m.joined_at')} AS created_at
      FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.community_id = ${communityId}
       AND u.deleted_at IS NULL
       AND (${opts.role ?? null}::community_role IS NULL OR m.role = ${opts.role ?? null}::community_role)
       AND (${after?.at ?? null}::timestamptz IS NULL OR (m.joined_at, m.user_id) < (${after?.at ?? null}::timestamptz, ${after?.id ?? null}::bigint))
     ORDER BY m.joined_at DESC, m.user_id DESC
     LIMIT ${limit + 1}`);
  const page = keysetPage(rows, limit);
  return {
    items: page.items.map((r) => ({
      user: { id: r.id, firstName: r.first_name, lastName: r.last_name, employer: r.employer, job: r.job },
      role: r.role,
      joinedAt: toIso(r.created_at),
    })),
    nextCursor: page.nextCursor,
  };
}
