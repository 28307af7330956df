CREATE TYPE "public"."question_deadline_mode" AS ENUM('calendar', 'working');--> statement-breakpoint
CREATE TYPE "public"."planned_post_status" AS ENUM('draft', 'scheduled', 'published', 'cancelled');--> statement-breakpoint
CREATE TABLE "question_settings" (
	"community_id" bigint PRIMARY KEY NOT NULL,
	"deadline_days" integer DEFAULT 3 NOT NULL,
	"deadline_mode" "question_deadline_mode" DEFAULT 'calendar' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_settings_days_range" CHECK ("question_settings"."deadline_days" BETWEEN 1 AND 30)
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"post_id" bigint PRIMARY KEY NOT NULL,
	"community_id" bigint NOT NULL,
	"asker_id" bigint NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"first_responder_id" bigint,
	"answered_at" timestamp with time zone,
	"answered_by" bigint,
	"answered_by_staff" boolean DEFAULT false NOT NULL,
	"answer_comment_id" bigint,
	"solution_comment_id" bigint
);
--> statement-breakpoint
CREATE TABLE "editorial_slots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "editorial_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"label" text NOT NULL,
	"kind" "post_kind" DEFAULT 'discussion' NOT NULL,
	"weekday" smallint NOT NULL,
	"time_of_day" time NOT NULL,
	"interval_weeks" smallint DEFAULT 1 NOT NULL,
	"starts_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "editorial_slots_weekday" CHECK ("editorial_slots"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "editorial_slots_interval" CHECK ("editorial_slots"."interval_weeks" BETWEEN 1 AND 52)
);
--> statement-breakpoint
CREATE TABLE "planned_posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "planned_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"author_id" bigint NOT NULL,
	"kind" "post_kind" DEFAULT 'discussion' NOT NULL,
	"title" text NOT NULL,
	"body_md" text DEFAULT '' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"status" "planned_post_status" DEFAULT 'draft' NOT NULL,
	"post_id" bigint,
	"slot_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "question_settings" ADD CONSTRAINT "question_settings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_asker_id_users_id_fk" FOREIGN KEY ("asker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_first_responder_id_users_id_fk" FOREIGN KEY ("first_responder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_answer_comment_id_comments_id_fk" FOREIGN KEY ("answer_comment_id") REFERENCES "public"."comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_solution_comment_id_comments_id_fk" FOREIGN KEY ("solution_comment_id") REFERENCES "public"."comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editorial_slots" ADD CONSTRAINT "editorial_slots_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editorial_slots" ADD CONSTRAINT "editorial_slots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_posts" ADD CONSTRAINT "planned_posts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_posts" ADD CONSTRAINT "planned_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_posts" ADD CONSTRAINT "planned_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_posts" ADD CONSTRAINT "planned_posts_slot_id_editorial_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."editorial_slots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "questions_pending_idx" ON "questions" USING btree ("community_id","deadline_at","post_id") WHERE "questions"."answered_at" IS NULL;--> statement-breakpoint
CREATE INDEX "questions_community_asked_idx" ON "questions" USING btree ("community_id","asked_at");--> statement-breakpoint
CREATE INDEX "editorial_slots_community_idx" ON "editorial_slots" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "planned_posts_community_planned_idx" ON "planned_posts" USING btree ("community_id","planned_at","id");--> statement-breakpoint
CREATE INDEX "planned_posts_due_idx" ON "planned_posts" USING btree ("planned_at") WHERE "planned_posts"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "posts_title_trgm" ON "posts" USING gin ((immutable_unaccent(lower("title"))) gin_trgm_ops);