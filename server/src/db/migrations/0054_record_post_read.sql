-- A member's reading of a post (read-state/queries.ts): recorded by the post page's one statement, in its select
-- list (posts/queries.ts, findPostState), so that a signed-in reader's page costs one round trip.
-- Returns where the reader stopped last time (the row as it was before this visit) and records that they have now
-- seen every comment (post_reads primary key, comments_post_idx, bookmarks primary key). A row whose values did not
-- change is not rewritten: reading an unchanged post leaves no dead tuple.
-- {"seen": bool, "lastCommentId": id or null, "newestCommentId": id or null, "bookmarked": bool}
CREATE OR REPLACE FUNCTION record_post_read(p_user bigint, p_post bigint) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_seen boolean;
  v_last bigint;
  v_count int;
  v_newest bigint;
BEGIN
  SELECT true, last_comment_id INTO v_seen, v_last FROM post_reads WHERE user_id = p_user AND post_id = p_post;
  v_seen := coalesce(v_seen, false);
  -- The newest comment, read backwards off comments_post_idx (post_id, created_at, id).
  SELECT p.comment_count,
         (SELECT k.id FROM comments k WHERE k.post_id = p.id ORDER BY k.created_at DESC, k.id DESC LIMIT 1)
    INTO v_count, v_newest FROM posts p WHERE p.id = p_post;
  IF FOUND THEN
    INSERT INTO post_reads AS r (user_id, post_id, last_comment_id, comments_seen)
    VALUES (p_user, p_post, v_newest, v_count)
    ON CONFLICT (user_id, post_id) DO UPDATE SET
      last_comment_id = EXCLUDED.last_comment_id, comments_seen = EXCLUDED.comments_seen, read_at = now()
     WHERE r.last_comment_id IS DISTINCT FROM EXCLUDED.last_comment_id OR r.comments_seen <> EXCLUDED.comments_seen;
  END IF;
  RETURN json_build_object(
    'seen', v_seen, 'lastCommentId', v_last, 'newestCommentId', v_newest,
    'bookmarked', EXISTS (SELECT 1 FROM bookmarks b WHERE b.user_id = p_user AND b.post_id = p_post));
END $$;
