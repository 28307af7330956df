ALTER TABLE "wiki_pages" ADD COLUMN "editing_by" bigint;--> statement-breakpoint
ALTER TABLE "wiki_pages" ADD COLUMN "editing_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_editing_by_users_id_fk" FOREIGN KEY ("editing_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;