-- record_post_read (0054) reached its INSERT … ON CONFLICT DO UPDATE … WHERE even when nothing had changed: the WHERE
-- skipped the rewrite, but ON CONFLICT locks the existing row first, and a row lock takes a transaction id, writes
-- WAL and makes the reader's page wait for a WAL flush at commit. A member opening a post they have already read
-- (the common case) now writes nothing: the row is compared first, in plpgsql, from the SELECT it already made.
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
    INSERT INTO post_reads AS r (user_id, post_id, last_comment_id, comments_seen)
    VALUES (p_user, p_post, v_newest, v_count)
    ON CONFLICT (user_id, post_id) DO UPDATE SET
      last_comment_id = EXCLUDED.last_comment_id, comments_seen = EXCLUDED.comments_seen, read_at = now();
  END IF;
  RETURN json_build_object(
    'seen', v_seen, 'lastCommentId', v_last, 'newestCommentId', v_newest,
    'bookmarked', EXISTS (SELECT 1 FROM bookmarks b WHERE b.user_id = p_user AND b.post_id = p_post));
END $$;
