CREATE TABLE "security_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "security_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oidc_flows" ADD COLUMN "link_code_hash" text;--> statement-breakpoint
ALTER TABLE "oidc_flows" ADD COLUMN "link_code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oidc_flows" ADD COLUMN "link_code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "security_events_created_idx" ON "security_events" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);