CREATE TYPE "public"."article_type" AS ENUM('expertise', 'analyse_reglementaire', 'contextualisation_veille', 'retour_experience', 'autre');--> statement-breakpoint
CREATE TABLE "rubriques" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rubriques_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rubriques" ADD CONSTRAINT "rubriques_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rubriques_community_name_key" ON "rubriques" USING btree ("community_id",lower("name"));--> statement-breakpoint
CREATE INDEX "rubriques_community_position_idx" ON "rubriques" USING btree ("community_id","position","id");