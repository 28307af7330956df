import type pg from 'pg';

/**
 * Detail rows of the large data set's questions (one live post in 12, written as such by large-rows.ts), each
 * with a three-day deadline. Most were answered by one of the community's animators within a few hours to a few
 * days; the last ten days keep a third of theirs open, and one old question in 97 was never answered, so
 * "Questions à traiter" holds what a busy, slightly late, community would show.
 */
export async function addLargeQuestions(client: pg.PoolClient, log: (msg: string) => void): Promise<void> {
  const { rowCount } = await client.query(`
    WITH staff AS (
      SELECT DISTINCT ON (community_id) community_id, user_id FROM memberships
       WHERE role IN ('animator', 'coordinator') ORDER BY community_id, role, user_id
    ),
    shaped AS (
      SELECT p.id, p.community_id, p.author_id, p.created_at, s.user_id AS staff_id,
             (p.created_at > now() - interval '10 days' AND p.id % 3 = 0) OR p.id % 97 = 0 AS open,
             ((p.id * 7919) % 120 + 1) * interval '1 hour' AS delay
        FROM posts p LEFT JOIN staff s ON s.community_id = p.community_id
       WHERE p.kind = 'question'
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
  log(`${rowCount ?? 0} questions (délai de réponse)`);
}
