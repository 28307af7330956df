CREATE TYPE "public"."welcome_status" AS ENUM('queued', 'sent', 'activated', 'bounced');--> statement-breakpoint
ALTER TYPE "public"."email_token_kind" ADD VALUE 'activate_account';--> statement-breakpoint
CREATE TABLE "import_campaign" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_campaign_single_row" CHECK ("import_campaign"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "import_welcomes" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"status" "welcome_status" DEFAULT 'queued' NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "imported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_welcomes" ADD CONSTRAINT "import_welcomes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_welcomes_status_idx" ON "import_welcomes" USING btree ("status","user_id");--> statement-breakpoint
CREATE INDEX "import_welcomes_claimed_idx" ON "import_welcomes" USING btree ("claimed_at") WHERE "import_welcomes"."claimed_at" IS NOT NULL;