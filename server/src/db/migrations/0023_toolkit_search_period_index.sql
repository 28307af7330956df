-- Search reads the newest matches period by period (see docs/adr/0002-search-by-period.md). With the
-- creation time in the same GIN index as the words (btree_gin), a probe intersects the word's postings
-- with the period's inside the index: its cost follows the period, not how frequent the word is.
-- fastupdate off: a pending list would be scanned whole by every search.
-- These indexes also serve plain word searches, so they replace the word-only ones of migration 0009.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
SET LOCAL maintenance_work_mem = '256MB';--> statement-breakpoint
CREATE INDEX posts_search_period_idx ON posts USING gin (search_vector, created_at) WITH (fastupdate = off) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX comments_search_period_idx ON comments USING gin (search_vector, created_at) WITH (fastupdate = off) WHERE deleted_at IS NULL;--> statement-breakpoint
DROP INDEX posts_search_idx;--> statement-breakpoint
DROP INDEX comments_search_idx;
