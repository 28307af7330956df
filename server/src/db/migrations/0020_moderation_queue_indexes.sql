DROP INDEX "flags_community_status_created_idx";--> statement-breakpoint
DROP INDEX "flags_pending_created_idx";--> statement-breakpoint
DROP INDEX "flags_post_pending_idx";--> statement-breakpoint
DROP INDEX "flags_comment_pending_idx";--> statement-breakpoint
CREATE INDEX "flags_community_status_created_idx" ON "flags" USING btree ("community_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "flags_pending_created_idx" ON "flags" USING btree ("created_at","id") WHERE "flags"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "flags_post_pending_idx" ON "flags" USING btree ("post_id","created_at","id") WHERE "flags"."status" = 'pending' AND "flags"."post_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "flags_comment_pending_idx" ON "flags" USING btree ("comment_id","created_at","id") WHERE "flags"."status" = 'pending' AND "flags"."comment_id" IS NOT NULL;