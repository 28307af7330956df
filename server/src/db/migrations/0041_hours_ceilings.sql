CREATE TABLE "hours_ceilings" (
	"assignment_id" bigint NOT NULL,
	"month" date NOT NULL,
	"max_minutes" integer NOT NULL,
	"reason" text NOT NULL,
	"set_by" bigint,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hours_ceilings_assignment_id_month_pk" PRIMARY KEY("assignment_id","month"),
	CONSTRAINT "hours_ceilings_minutes" CHECK ("hours_ceilings"."max_minutes" BETWEEN 0 AND 12000)
);
--> statement-breakpoint
ALTER TABLE "hours_ceilings" ADD CONSTRAINT "hours_ceilings_assignment_id_animator_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."animator_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_ceilings" ADD CONSTRAINT "hours_ceilings_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;