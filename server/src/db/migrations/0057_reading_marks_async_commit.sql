-- The marks a page leaves as it is read (a member's visit of a community, 0053; their reading of a post, 0055) are
-- bookkeeping: when one is written, the reader's implicit transaction now commits asynchronously
-- (synchronous_commit = off, local to that transaction). The page no longer waits for a WAL flush, which was most of
-- the time of a member's first reading of a post. A crash of PostgreSQL may lose the marks of its last fraction of
-- a second (at most 3 × wal_writer_delay): a post shows unread again; nothing else is affected, since these
-- functions are only called by a page's one read statement, outside any transaction that writes (ADR 0011).
-- Anything else written in the same transaction would commit the same way: keep them out of write transactions.
CREATE OR REPLACE FUNCTION record_community_visit(p_user bigint, p_community bigint) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_visited timestamptz;
  v_previous timestamptz;
  v_found boolean;
  v_new int;
BEGIN
  SELECT visited_at, previous_visit_at INTO v_visited, v_previous
    FROM community_visits WHERE user_id = p_user AND community_id = p_community;
  v_found := FOUND;
  IF NOT v_found OR v_visited <= now() - interval '1 minute' THEN
    -- A bookkeeping mark: committed without waiting for the WAL flush (see the header).
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO community_visits AS cv (user_id, community_id) VALUES (p_user, p_community)
    ON CONFLICT (user_id, community_id) DO UPDATE SET
      previous_visit_at = CASE WHEN cv.visited_at < now() - interval '30 minutes' THEN cv.visited_at ELSE cv.previous_visit_at END,
      visited_at = now()
    RETURNING previous_visit_at INTO v_previous;
  END IF;
  SELECT count(*)::int INTO v_new FROM (
    SELECT 1 FROM posts p
     WHERE p.community_id = p_community AND p.deleted_at IS NULL AND p.hidden_at IS NULL
       AND p.created_at > v_previous AND p.author_id <> p_user
     LIMIT 100) n;
  RETURN json_build_object(
    'previousVisitAt', to_char(v_previous AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'newPosts', v_new);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION record_post_read(p_user bigint, p_post bigint) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_seen boolean;
  v_last bigint;
  v_count_seen int;
  v_count int;
  v_newest bigint;
BEGIN
  SELECT true, last_comment_id, comments_seen INTO v_seen, v_last, v_count_seen
    FROM post_reads WHERE user_id = p_user AND post_id = p_post;
  v_seen := coalesce(v_seen, false);
  -- The newest comment, read backwards off comments_post_idx (post_id, created_at, id).
  SELECT p.comment_count,
         (SELECT k.id FROM comments k WHERE k.post_id = p.id ORDER BY k.created_at DESC, k.id DESC LIMIT 1)
    INTO v_count, v_newest FROM posts p WHERE p.id = p_post;
  IF FOUND AND NOT (v_seen AND v_last IS NOT DISTINCT FROM v_newest AND v_count_seen = v_count) THEN
    -- A bookkeeping mark: committed without waiting for the WAL flush (see the header).
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO post_reads AS r (user_id, post_id, last_comment_id, comments_seen)
    VALUES (p_user, p_post, v_newest, v_count)
    ON CONFLICT (user_id, post_id) DO UPDATE SET
      last_comment_id = EXCLUDED.last_comment_id, comments_seen = EXCLUDED.comments_seen, read_at = now();
  END IF;
  RETURN json_build_object(
    'seen', v_seen, 'lastCommentId', v_last, 'newestCommentId', v_newest,
    'bookmarked', EXISTS (SELECT 1 FROM bookmarks b WHERE b.user_id = p_user AND b.post_id = p_post));
END $$;
