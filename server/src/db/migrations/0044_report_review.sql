ALTER TABLE "activity_reports" ADD COLUMN "review_status" text;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD COLUMN "review_notes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD COLUMN "review_by" bigint;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD COLUMN "review_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD COLUMN "minutes_draft" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_review_by_users_id_fk" FOREIGN KEY ("review_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_review_status" CHECK ("activity_reports"."review_status" IN ('to_revise', 'ready'));