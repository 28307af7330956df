CREATE TABLE "cnfpt_item_decisions" (
	"community_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"status" text NOT NULL,
	"post_id" bigint,
	"decided_by" bigint,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cnfpt_item_decisions_community_id_item_id_pk" PRIMARY KEY("community_id","item_id"),
	CONSTRAINT "cnfpt_item_decisions_status" CHECK ("cnfpt_item_decisions"."status" IN ('promoted', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "cnfpt_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cnfpt_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" bigint NOT NULL,
	"guid" text NOT NULL,
	"link" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cnfpt_sources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cnfpt_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"url" text NOT NULL,
	"title" text NOT NULL,
	"resource_type" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"etag" text,
	"last_modified" text,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cnfpt_sources_resource_type" CHECK ("cnfpt_sources"."resource_type" IN ('formation', 'lid', 'publication', 'autre'))
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "cnfpt_type" text;--> statement-breakpoint
ALTER TABLE "cnfpt_item_decisions" ADD CONSTRAINT "cnfpt_item_decisions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cnfpt_item_decisions" ADD CONSTRAINT "cnfpt_item_decisions_item_id_cnfpt_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."cnfpt_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cnfpt_item_decisions" ADD CONSTRAINT "cnfpt_item_decisions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cnfpt_item_decisions" ADD CONSTRAINT "cnfpt_item_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cnfpt_items" ADD CONSTRAINT "cnfpt_items_source_id_cnfpt_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."cnfpt_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cnfpt_sources" ADD CONSTRAINT "cnfpt_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cnfpt_item_decisions_item_idx" ON "cnfpt_item_decisions" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cnfpt_items_link_key" ON "cnfpt_items" USING btree ("link");--> statement-breakpoint
CREATE UNIQUE INDEX "cnfpt_items_source_guid_key" ON "cnfpt_items" USING btree ("source_id","guid");--> statement-breakpoint
CREATE UNIQUE INDEX "cnfpt_sources_url_key" ON "cnfpt_sources" USING btree ("url");--> statement-breakpoint
CREATE INDEX "cnfpt_sources_due_idx" ON "cnfpt_sources" USING btree ("next_poll_at");--> statement-breakpoint
CREATE INDEX "posts_cnfpt_month_idx" ON "posts" USING btree ("community_id","created_at") WHERE "posts"."cnfpt_type" IS NOT NULL AND "posts"."deleted_at" IS NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_cnfpt_type" CHECK ("posts"."cnfpt_type" IS NULL OR ("posts"."kind" = 'ressource' AND "posts"."cnfpt_type" IN ('formation', 'lid', 'publication', 'autre')));