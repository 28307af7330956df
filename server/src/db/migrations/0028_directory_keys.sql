DROP INDEX "users_name_trgm";--> statement-breakpoint
DROP INDEX "users_directory_sort_idx";--> statement-breakpoint
DROP INDEX "users_directory_departement_idx";--> statement-breakpoint
DROP INDEX "users_job_trgm";--> statement-breakpoint
DROP INDEX "users_employer_trgm";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "name_key" text GENERATED ALWAYS AS (immutable_unaccent(lower(first_name || ' ' || last_name))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sort_key" text GENERATED ALWAYS AS (immutable_unaccent(lower(last_name || ' ' || first_name))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "job_key" text GENERATED ALWAYS AS (immutable_unaccent(lower(job))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "employer_key" text GENERATED ALWAYS AS (immutable_unaccent(lower(employer))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "users_name_trgm" ON "users" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_directory_sort_idx" ON "users" USING btree ("sort_key","id") WHERE "users"."deleted_at" IS NULL AND "users"."banned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_directory_departement_idx" ON "users" USING btree ("departement","sort_key","id") WHERE "users"."deleted_at" IS NULL AND "users"."banned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_job_trgm" ON "users" USING gin ("job_key" gin_trgm_ops,"departement");--> statement-breakpoint
CREATE INDEX "users_employer_trgm" ON "users" USING gin ("employer_key" gin_trgm_ops,"departement");--> statement-breakpoint
-- The new columns need statistics before the planner can weigh the directory filters on them.
ANALYZE "users";