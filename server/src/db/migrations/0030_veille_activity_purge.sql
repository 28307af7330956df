-- Veille activity figures (12 weeks per source) read from one index range of the community, and the
-- retention job finds its old undecided or dismissed items without scanning the table.
CREATE INDEX "veille_items_activity_idx" ON "veille_items" USING btree ("community_id","fetched_at","source_id","status");--> statement-breakpoint
CREATE INDEX "veille_items_purge_idx" ON "veille_items" USING btree ("fetched_at") WHERE "veille_items"."status" <> 'published';