CREATE TYPE "public"."survey_question_kind" AS ENUM('single', 'multiple', 'scale', 'text');--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"submission_id" bigint NOT NULL,
	"question_id" bigint NOT NULL,
	"option_id" bigint,
	"scale" smallint,
	"text" text,
	CONSTRAINT "survey_answers_one_value" CHECK (num_nonnulls("survey_answers"."option_id", "survey_answers"."scale", "survey_answers"."text") = 1),
	CONSTRAINT "survey_answers_scale_range" CHECK ("survey_answers"."scale" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "survey_options" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"question_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "survey_options_position_key" UNIQUE("question_id","position"),
	CONSTRAINT "survey_options_question_id_key" UNIQUE("question_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_participants" (
	"survey_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	CONSTRAINT "survey_participants_survey_id_user_id_pk" PRIMARY KEY("survey_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"survey_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"kind" "survey_question_kind" NOT NULL,
	"label" text NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	CONSTRAINT "survey_questions_position_key" UNIQUE("survey_id","position")
);
--> statement-breakpoint
CREATE TABLE "survey_submissions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"survey_id" bigint NOT NULL,
	"user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"anonymous" boolean DEFAULT true NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"results_post_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_submission_id_survey_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."survey_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_id_option_id_survey_options_question_id_id_fk" FOREIGN KEY ("question_id","option_id") REFERENCES "public"."survey_options"("question_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_options" ADD CONSTRAINT "survey_options_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participants" ADD CONSTRAINT "survey_participants_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participants" ADD CONSTRAINT "survey_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_submissions" ADD CONSTRAINT "survey_submissions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_submissions" ADD CONSTRAINT "survey_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_results_post_id_posts_id_fk" FOREIGN KEY ("results_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answers_question_idx" ON "survey_answers" USING btree ("question_id","option_id","scale");--> statement-breakpoint
CREATE INDEX "survey_answers_text_idx" ON "survey_answers" USING btree ("question_id","id" DESC NULLS LAST) WHERE "survey_answers"."text" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "survey_answers_submission_idx" ON "survey_answers" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "survey_participants_user_idx" ON "survey_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "survey_submissions_survey_idx" ON "survey_submissions" USING btree ("survey_id","id");--> statement-breakpoint
CREATE INDEX "survey_submissions_user_idx" ON "survey_submissions" USING btree ("user_id") WHERE "survey_submissions"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "surveys_community_idx" ON "surveys" USING btree ("community_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);