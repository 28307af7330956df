CREATE TABLE "cgu_acceptances" (
	"user_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cgu_acceptances_user_id_version_pk" PRIMARY KEY("user_id","version")
);
--> statement-breakpoint
ALTER TABLE "cgu_acceptances" ADD CONSTRAINT "cgu_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_to_idx" ON "mail_outbox" USING btree (lower("to_address"));--> statement-breakpoint
CREATE INDEX "post_reactions_user_idx" ON "post_reactions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "poll_votes_user_idx" ON "poll_votes" USING btree ("user_id");--> statement-breakpoint
-- Members registered before this table existed accepted the CGU at registration (the form required it):
-- record the version that was current when they registered, so a later version is asked of them.
INSERT INTO "cgu_acceptances" ("user_id", "version", "accepted_at")
SELECT u.id,
       coalesce((SELECT max(v.version) FROM (
                   SELECT version, created_at FROM legal_page_versions WHERE slug = 'cgu'
                   UNION ALL SELECT version, updated_at FROM legal_pages WHERE slug = 'cgu') v
                 WHERE v.created_at <= u.created_at), 1),
       u.created_at
  FROM users u
 WHERE u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM legal_pages WHERE slug = 'cgu');
