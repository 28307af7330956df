CREATE INDEX "email_tokens_expires_idx" ON "email_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "planned_posts_author_idx" ON "planned_posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "notification_events_done_idx" ON "notification_events" USING btree ("done_at") WHERE "notification_events"."done_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "animator_targets_user_idx" ON "animator_targets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "member_activity_daily_user_idx" ON "member_activity_daily" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "network_comments_author_idx" ON "network_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "network_posts_author_idx" ON "network_posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "duty_roster_animator_idx" ON "duty_roster" USING btree ("animator_id");--> statement-breakpoint
CREATE INDEX "wiki_revisions_author_idx" ON "wiki_revisions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "messages_author_idx" ON "messages" USING btree ("author_id");