import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { parisZoneSql } from '../../../common/time/sql.js';

/**
 * The demo's audience, as the view counter and the activity recorder would have written it over the past
 * year: staff active most days, members now and then, each post read mostly in its first weeks. Values come
 * from a hash of ids and days, so the same seed gives the same figures (no random draw).
 */
export async function seedDemoAudience(tx: DbOrTx, communityIds: number[], now: Date): Promise<void> {
  const ids = sql.raw(`ARRAY[${communityIds.map((n) => Number(n)).join(',')}]::bigint[]`);
  const today = sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${parisZoneSql})::date`;
  await tx.execute(sql`
    INSERT INTO member_activity_daily (community_id, day, user_id)
    SELECT m.community_id, d::date, m.user_id
      FROM memberships m JOIN communities c ON c.id = m.community_id AND c.status <> 'draft'
     CROSS JOIN LATERAL generate_series(
             greatest((m.joined_at AT TIME ZONE ${parisZoneSql})::date, ${today} - 365), ${today}, interval '1 day') d
     WHERE m.community_id = ANY(${ids})
       AND abs(hashtext(m.user_id::text || ':' || d::date::text)::bigint) % (CASE WHEN m.role = 'member' THEN 6 ELSE 2 END) = 0
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO post_views_daily (post_id, day, community_id, views)
    SELECT p.id, d::date, p.community_id, v.views
      FROM posts p
     CROSS JOIN LATERAL generate_series(
             greatest((p.created_at AT TIME ZONE ${parisZoneSql})::date, ${today} - 365), ${today}, interval '1 day') d
     CROSS JOIN LATERAL (
             SELECT (abs(hashtext(p.id::text || ':' || d::date::text)::bigint) % 9
                     + greatest(0, 30 - (d::date - (p.created_at AT TIME ZONE ${parisZoneSql})::date)) / 3) AS views) v
     WHERE p.community_id = ANY(${ids}) AND p.deleted_at IS NULL AND v.views > 0
    ON CONFLICT DO NOTHING`);
}
