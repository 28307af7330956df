import type pg from 'pg';

/**
 * Questions for the large data set: one live discussion in 12 becomes a question with a three-day
 * deadline. Most were answered by one of the community's animators within a few hours to a few days;
 * the last ten days keep a third of theirs open, and one old question in 97 was never answered,
 * so "Questions à traiter" holds what a busy, slightly late, community would show.
 */
export async function addLargeQuestions(client: pg.PoolClient, log: (msg: string) => void): Promise<void> {
  // A post turned question moves its community's feed version, row by row: 166,000 updates of the same 40 rows at
  // scale 10 (each following the chain of the previous versions) ran for more than 7 minutes. Once per community
  // after, instead (the caller's transaction holds the table's lock meanwhile).
  await client.query('ALTER TABLE posts DISABLE TRIGGER posts_bump_feed_version_update');
  const { rowCount } = await client.query(`
    WITH picked AS (
      UPDATE posts SET kind = 'question'
       WHERE id % 12 = 1 AND kind = 'discussion' AND deleted_at IS NULL
       RETURNING id, community_id, author_id, created_at
    ),
    staff AS (
      SELECT DISTINCT ON (community_id) community_id, user_id FROM memberships
       WHERE role IN ('animator', 'coordinator') ORDER BY community_id, role, user_id
    ),
    shaped AS (
      SELECT p.*, s.user_id AS staff_id,
             (p.created_at > now() - interval '10 days' AND p.id % 3 = 0) OR p.id % 97 = 0 AS open,
             ((p.id * 7919) % 120 + 1) * interval '1 hour' AS delay
        FROM picked p LEFT JOIN staff s ON s.community_id = p.community_id
    )
    INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at,
                           first_response_at, first_responder_id, answered_at, answered_by, answered_by_staff)
    SELECT id, community_id, author_id, created_at, created_at + interval '3 days',
           CASE WHEN open OR staff_id IS NULL THEN NULL ELSE created_at + delay END,
           CASE WHEN open OR staff_id IS NULL THEN NULL ELSE staff_id END,
           CASE WHEN open OR staff_id IS NULL THEN NULL ELSE created_at + delay END,
           CASE WHEN open OR staff_id IS NULL THEN NULL ELSE staff_id END,
           NOT open AND staff_id IS NOT NULL
      FROM shaped`);
  await client.query('ALTER TABLE posts ENABLE TRIGGER posts_bump_feed_version_update');
  await client.query('UPDATE communities SET feed_version = feed_version + 1');
  log(`${rowCount ?? 0} questions (délai de réponse)`);
}
