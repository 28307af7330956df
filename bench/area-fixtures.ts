/**
 * What the per-area benchmarks (moderation, networking pages) share on a `seed:large` database: the community
 * they load, its staff member, and the once-only adding of their own rows, tagged so that a later run finds them.
 */
import type pg from 'pg';

export interface AreaCommunity {
  community: { id: number; slug: string; name: string };
  /** Its first coordinator (else animator) still active: the one who reads the area's staff pages. */
  staffId: number;
}

/** The largest open community and its staff member. */
export async function largestOpenCommunity(pool: pg.Pool): Promise<AreaCommunity> {
  const community = (await pool.query<{ id: number; slug: string; name: string }>(`
    SELECT id::int AS id, slug, name FROM communities WHERE status = 'open' ORDER BY member_count DESC, id LIMIT 1`)).rows[0]!;
  const staffId = (await pool.query<{ id: number }>(`
    SELECT m.user_id::int AS id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.community_id = $1 AND m.role IN ('coordinator', 'animator') AND u.deleted_at IS NULL AND u.banned_at IS NULL
     ORDER BY m.role = 'coordinator' DESC, m.user_id LIMIT 1`, [community.id])).rows[0]!.id;
  return { community, staffId };
}

/**
 * Runs `add`, which writes the benchmark's tagged rows unless a previous run did (then it returns 0 or false),
 * and ANALYZEs `tables` when it wrote any, so the planner sees them. Returns what `add` returned and the seconds spent.
 */
export async function addTaggedRows<T extends number | boolean>(
  pool: pg.Pool, add: () => Promise<T>, tables: string[],
): Promise<{ added: T; seconds: number }> {
  const t0 = performance.now();
  const added = await add();
  if (added) await pool.query(tables.map((t) => `ANALYZE ${t}`).join('; '));
  return { added, seconds: (performance.now() - t0) / 1000 };
}
