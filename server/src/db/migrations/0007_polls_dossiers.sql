CREATE TYPE "public"."poll_results_visibility" AS ENUM('live', 'after_close');--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poll_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"poll_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "poll_options_poll_position_key" UNIQUE("poll_id","position"),
	CONSTRAINT "poll_options_poll_id_key" UNIQUE("poll_id","id")
);
--> statement-breakpoint
CREATE TABLE "poll_vote_choices" (
	"poll_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"option_id" bigint NOT NULL,
	CONSTRAINT "poll_vote_choices_poll_id_option_id_user_id_pk" PRIMARY KEY("poll_id","option_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"poll_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"free_text" text,
	CONSTRAINT "poll_votes_poll_id_user_id_pk" PRIMARY KEY("poll_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"post_id" bigint PRIMARY KEY NOT NULL,
	"community_id" bigint NOT NULL,
	"multiple" boolean DEFAULT false NOT NULL,
	"allow_free_text" boolean DEFAULT false NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"results_visibility" "poll_results_visibility" DEFAULT 'live' NOT NULL,
	"results_post_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_items" (
	"dossier_id" bigint NOT NULL,
	"post_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_items_dossier_id_post_id_pk" PRIMARY KEY("dossier_id","post_id")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"title" text NOT NULL,
	"intro_md" text DEFAULT '' NOT NULL,
	"intro_html" text DEFAULT '' NOT NULL,
	"cover_url" text,
	"cover_alt" text,
	"item_count" integer DEFAULT 0 NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_cover_alt" CHECK ("dossiers"."cover_url" IS NULL OR length(btrim("dossiers"."cover_alt")) > 0)
);
--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_id_polls_post_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("post_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_vote_choices" ADD CONSTRAINT "poll_vote_choices_poll_id_user_id_poll_votes_poll_id_user_id_fk" FOREIGN KEY ("poll_id","user_id") REFERENCES "public"."poll_votes"("poll_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_vote_choices" ADD CONSTRAINT "poll_vote_choices_poll_id_option_id_poll_options_poll_id_id_fk" FOREIGN KEY ("poll_id","option_id") REFERENCES "public"."poll_options"("poll_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_poll_id_polls_post_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("post_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_results_post_id_posts_id_fk" FOREIGN KEY ("results_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_items" ADD CONSTRAINT "dossier_items_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_items" ADD CONSTRAINT "dossier_items_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_vote_choices_voter_idx" ON "poll_vote_choices" USING btree ("poll_id","user_id");--> statement-breakpoint
CREATE INDEX "poll_votes_free_text_idx" ON "poll_votes" USING btree ("poll_id","created_at" DESC NULLS LAST,"user_id" DESC NULLS LAST) WHERE "poll_votes"."free_text" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "polls_community_idx" ON "polls" USING btree ("community_id","created_at" DESC NULLS LAST,"post_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dossier_items_order_idx" ON "dossier_items" USING btree ("dossier_id","position");--> statement-breakpoint
CREATE INDEX "dossiers_community_idx" ON "dossiers" USING btree ("community_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);