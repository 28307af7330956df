ALTER TABLE "communities" ADD COLUMN "feed_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The feed page cache (posts/feed-cache.ts) serves a community's feed pages while communities.feed_version is
-- unchanged: bump it whenever a post changes in a way a feed page keeps. Not for its counters (comments,
-- « utile »), read live with each page: bumping on them made every comment of a community wait on its row.
-- Inserts: a statement-level trigger with a transition table, so a bulk load bumps each community once.
CREATE OR REPLACE FUNCTION bump_community_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE communities SET feed_version = feed_version + 1 WHERE id IN (SELECT community_id FROM new_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posts_bump_feed_version_insert AFTER INSERT ON posts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_community_feed_version();
--> statement-breakpoint
-- Updates and deletes: row by row, filtered by the trigger's WHEN before any function runs, so that the updates
-- a feed does not show (every comment moves comment_count) cost a comparison and keep no transition table.
CREATE OR REPLACE FUNCTION bump_post_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE communities SET feed_version = feed_version + 1 WHERE id = OLD.community_id;
  IF TG_OP = 'UPDATE' AND NEW.community_id <> OLD.community_id THEN
    UPDATE communities SET feed_version = feed_version + 1 WHERE id = NEW.community_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- What a cached feed row shows (presentSummary, but its counters) or what decides whether it is listed; a
-- body-only edit also moves edited_at.
CREATE TRIGGER posts_bump_feed_version_update AFTER UPDATE ON posts FOR EACH ROW
  WHEN ((OLD.kind, OLD.title, OLD.excerpt, OLD.created_at, OLD.edited_at, OLD.author_id, OLD.tags, OLD.rubrique_id,
         OLD.deleted_at, OLD.hidden_at, OLD.community_id)
        IS DISTINCT FROM
        (NEW.kind, NEW.title, NEW.excerpt, NEW.created_at, NEW.edited_at, NEW.author_id, NEW.tags, NEW.rubrique_id,
         NEW.deleted_at, NEW.hidden_at, NEW.community_id))
  EXECUTE FUNCTION bump_post_feed_version();
--> statement-breakpoint
CREATE TRIGGER posts_bump_feed_version_delete AFTER DELETE ON posts FOR EACH ROW EXECUTE FUNCTION bump_post_feed_version();
--> statement-breakpoint
-- Feed rows show their rubrique's name.
CREATE OR REPLACE FUNCTION bump_rubrique_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE communities SET feed_version = feed_version + 1 WHERE id = NEW.community_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rubriques_bump_feed_version AFTER UPDATE ON rubriques
  FOR EACH ROW EXECUTE FUNCTION bump_rubrique_feed_version();
--> statement-breakpoint
-- Feed pages carry their community's name and address.
CREATE OR REPLACE FUNCTION bump_renamed_community_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.name, NEW.slug) IS DISTINCT FROM (OLD.name, OLD.slug) THEN
    NEW.feed_version := OLD.feed_version + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER communities_bump_feed_version BEFORE UPDATE ON communities
  FOR EACH ROW EXECUTE FUNCTION bump_renamed_community_feed_version();
