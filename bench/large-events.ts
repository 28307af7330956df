import type pg from 'pg';

/**
 * Agenda rows for the large data set: one post in 40 becomes an event announced 3 to 47 days
 * ahead, lasting two hours (all-day for one in five). About 1 event per 40 posts, spread over the
 * years like the posts, so a community month holds what a busy real agenda would.
 */
export async function addLargeEvents(client: pg.PoolClient, log: (msg: string) => void): Promise<void> {
  const { rowCount } = await client.query(`
    WITH picked AS (
      UPDATE posts SET kind = 'evenement'
       WHERE id % 40 = 0 AND deleted_at IS NULL
       RETURNING id, community_id, created_at
    )
    INSERT INTO events (post_id, community_id, starts_at, ends_at, all_day, place, created_at, updated_at)
    SELECT id, community_id, s, s + CASE WHEN id % 5 = 0 THEN interval '1 day' ELSE interval '2 hours' END,
           id % 5 = 0, 'Salle du conseil, hôtel de ville', created_at, created_at
      FROM (SELECT id, community_id, created_at,
                   date_trunc('day', created_at) + ((id / 40) % 45 + 3) * interval '1 day'
                     + CASE WHEN id % 5 = 0 THEN interval '0 hours' ELSE interval '8 hours' END AS s
              FROM picked) x`);
  log(`${rowCount ?? 0} événements (agenda)`);
}
