CREATE TABLE "exchange_mappings" (
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"source_id" text NOT NULL,
	"local_id" bigint NOT NULL,
	"source_hash" text NOT NULL,
	"old_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_mappings_source_kind_source_id_pk" PRIMARY KEY("source","kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "old_addresses" (
	"old_path" text PRIMARY KEY NOT NULL,
	"new_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "exchange_mappings_local_idx" ON "exchange_mappings" USING btree ("kind","local_id","source");