-- A member's visit of a community (read-state/queries.ts): recorded by the community feed's one statement, in
-- its select list (a data-modifying CTE cannot sit in a prepared select built by the query builder), so that the
-- page a signed-in member opens first costs one round trip. The rules, in one place:
--  - a visit lasts while the person keeps coming back within 30 minutes, so reloading the page keeps its marks;
--  - its end is written at most once a minute (no WAL flush per read), so it may be read up to a minute early;
--  - the posts published since by others are counted up to 100 (the page says « 99 et plus »).
-- Returns {"previousVisitAt": ISO text or null, "newPosts": n}; ISO text in the fixed format of isoText().
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
