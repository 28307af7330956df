ALTER TABLE "users" ADD COLUMN "feed_token_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "feed_token_created_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "users_feed_token_key" ON "users" USING btree ("feed_token_hash") WHERE "users"."feed_token_hash" IS NOT NULL;