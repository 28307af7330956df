ALTER TABLE "posts" ADD COLUMN "page_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A comment edited, hidden, anonymised or deleted changes its post's page: bump the post row so its
-- xmin (the version the post page cache checks) moves. Inserts already update the post (comment_count).
CREATE OR REPLACE FUNCTION bump_post_page_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE posts SET page_version = page_version + 1 WHERE id = OLD.post_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER comments_bump_post_page_version
  AFTER UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION bump_post_page_version();
