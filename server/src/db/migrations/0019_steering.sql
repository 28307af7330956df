CREATE TABLE "animator_targets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "animator_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"user_id" bigint,
	"monthly_target" integer NOT NULL,
	"set_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "animator_targets_range" CHECK ("animator_targets"."monthly_target" BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TABLE "post_views_daily" (
	"post_id" bigint NOT NULL,
	"day" date NOT NULL,
	"community_id" bigint NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "post_views_daily_post_id_day_pk" PRIMARY KEY("post_id","day")
);
--> statement-breakpoint
ALTER TABLE "animator_targets" ADD CONSTRAINT "animator_targets_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animator_targets" ADD CONSTRAINT "animator_targets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animator_targets" ADD CONSTRAINT "animator_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_views_daily" ADD CONSTRAINT "post_views_daily_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_views_daily" ADD CONSTRAINT "post_views_daily_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "animator_targets_key" ON "animator_targets" USING btree ("community_id",coalesce("user_id", 0));--> statement-breakpoint
CREATE INDEX "post_views_daily_community_day_idx" ON "post_views_daily" USING btree ("community_id","day","post_id");--> statement-breakpoint
CREATE INDEX "events_community_updated_idx" ON "events" USING btree ("community_id","updated_at");