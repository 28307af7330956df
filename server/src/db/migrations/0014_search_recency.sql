-- Search reads matches newest first (then ranks a window of them): for a frequent word the newest
-- matches are found by walking these indexes instead of reading every matching row.
CREATE INDEX posts_live_created_idx ON posts (created_at DESC, id DESC) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX comments_live_created_idx ON comments (created_at DESC, id DESC) WHERE deleted_at IS NULL;
