ALTER TABLE "posts" ADD COLUMN "article_type" "article_type";--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "link_url" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "link_title" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "link_description" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "link_source" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "shared_post_id" bigint;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "rubrique_id" bigint;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_shared_post_id_posts_id_fk" FOREIGN KEY ("shared_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_rubrique_id_rubriques_id_fk" FOREIGN KEY ("rubrique_id") REFERENCES "public"."rubriques"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "posts_community_kind_feed_idx" ON "posts" USING btree ("community_id","kind","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "posts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "posts_rubrique_feed_idx" ON "posts" USING btree ("rubrique_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "posts"."deleted_at" IS NULL AND "posts"."rubrique_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "posts_tags_idx" ON "posts" USING gin ("tags") WHERE "posts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "posts_shared_once_key" ON "posts" USING btree ("community_id","shared_post_id") WHERE "posts"."shared_post_id" IS NOT NULL AND "posts"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "posts_shared_post_idx" ON "posts" USING btree ("shared_post_id") WHERE "posts"."shared_post_id" IS NOT NULL;