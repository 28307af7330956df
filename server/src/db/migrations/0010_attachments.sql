CREATE TYPE "public"."attachment_format" AS ENUM('document', 'image', 'carte-mentale', 'infographie', 'carte');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uploader_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"post_id" bigint,
	"position" integer DEFAULT 0 NOT NULL,
	"storage_key" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"original_name" text NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"long_desc_md" text DEFAULT '' NOT NULL,
	"long_desc_html" text DEFAULT '' NOT NULL,
	"format" "attachment_format" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_embeds" (
	"post_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"provider" text NOT NULL,
	"url" text NOT NULL,
	"embed_url" text NOT NULL,
	"title" text NOT NULL,
	CONSTRAINT "post_embeds_post_id_position_pk" PRIMARY KEY("post_id","position")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_embeds" ADD CONSTRAINT "post_embeds_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_post_idx" ON "attachments" USING btree ("post_id","position","id") WHERE "attachments"."post_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "attachments_pending_idx" ON "attachments" USING btree ("uploader_id","created_at") WHERE "attachments"."post_id" IS NULL;--> statement-breakpoint
CREATE INDEX "attachments_storage_key_idx" ON "attachments" USING btree ("storage_key");