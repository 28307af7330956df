-- The agenda's month pages are cached per instance like the feed pages (agenda/month-cache.ts), under the community's
-- feed_version (0051): the posts' triggers already move it when an event's post changes (title, excerpt, hidden,
-- deleted, created); an event's own row (dates, place, links) changes without touching its post, so its changes move
-- it too. Statement-level with transition tables: an import's batch moves each community once. Events change rarely:
-- no hot row is made here.
CREATE OR REPLACE FUNCTION bump_event_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE communities SET feed_version = feed_version + 1 WHERE id IN (SELECT community_id FROM new_rows);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE communities SET feed_version = feed_version + 1
     WHERE id IN (SELECT community_id FROM new_rows UNION SELECT community_id FROM old_rows);
  ELSE
    UPDATE communities SET feed_version = feed_version + 1 WHERE id IN (SELECT community_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_bump_feed_version_insert AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_event_feed_version();
--> statement-breakpoint
CREATE TRIGGER events_bump_feed_version_update AFTER UPDATE ON events
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_event_feed_version();
--> statement-breakpoint
CREATE TRIGGER events_bump_feed_version_delete AFTER DELETE ON events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_event_feed_version();
