CREATE TYPE "public"."network_event_kind" AS ENUM('exchange', 'gathering');--> statement-breakpoint
CREATE TABLE "dossier_follows" (
	"dossier_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_follows_dossier_id_user_id_pk" PRIMARY KEY("dossier_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "animator_assignments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "animator_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"monthly_hours" integer DEFAULT 13 NOT NULL,
	"scale_code" text NOT NULL,
	"hourly_rate_cents" integer NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "animator_assignments_hours" CHECK ("animator_assignments"."monthly_hours" BETWEEN 1 AND 200),
	CONSTRAINT "animator_assignments_dates" CHECK ("animator_assignments"."ends_on" IS NULL OR "animator_assignments"."ends_on" >= "animator_assignments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "community_months" (
	"community_id" bigint NOT NULL,
	"month" date NOT NULL,
	"members_end" integer NOT NULL,
	"joined" integer NOT NULL,
	"posts" integer NOT NULL,
	"comments" integer NOT NULL,
	"active" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_months_community_id_month_pk" PRIMARY KEY("community_id","month")
);
--> statement-breakpoint
CREATE TABLE "community_stats" (
	"community_id" bigint PRIMARY KEY NOT NULL,
	"month" date NOT NULL,
	"members" integer NOT NULL,
	"members_month_start" integer NOT NULL,
	"joined_month" integer NOT NULL,
	"posts_month" integer NOT NULL,
	"comments_month" integer NOT NULL,
	"active_month" integer NOT NULL,
	"questions_due" integer NOT NULL,
	"questions_in_time" integer NOT NULL,
	"flags_pending" integer NOT NULL,
	"moderation_actions_month" integer NOT NULL,
	"staff_count" integer NOT NULL,
	"contributions_month" integer NOT NULL,
	"contributions_target" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_activity_daily" (
	"community_id" bigint NOT NULL,
	"day" date NOT NULL,
	"user_id" bigint NOT NULL,
	CONSTRAINT "member_activity_daily_community_id_day_user_id_pk" PRIMARY KEY("community_id","day","user_id")
);
--> statement-breakpoint
CREATE TABLE "network_comments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "network_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"post_id" bigint NOT NULL,
	"author_id" bigint,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_days" (
	"day" date PRIMARY KEY NOT NULL,
	"active" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_event_registrations" (
	"event_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attended" boolean,
	CONSTRAINT "network_event_registrations_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "network_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "network_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "network_event_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"month" date NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_events_exchange_one_hour" CHECK ("network_events"."kind" <> 'exchange' OR "network_events"."ends_at" = "network_events"."starts_at" + interval '1 hour'),
	CONSTRAINT "network_events_order" CHECK ("network_events"."ends_at" > "network_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "network_months" (
	"month" date PRIMARY KEY NOT NULL,
	"subscribers" integer NOT NULL,
	"joined" integer NOT NULL,
	"posts" integer NOT NULL,
	"comments" integer NOT NULL,
	"active" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "network_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"author_id" bigint,
	"title" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_scales" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"hourly_rate_cents" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_scales_rate" CHECK ("pay_scales"."hourly_rate_cents" BETWEEN 1 AND 100000)
);
--> statement-breakpoint
CREATE TABLE "service_statements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_statements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"assignment_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"month" date NOT NULL,
	"minutes" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"amount_cents" integer NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_by" bigint,
	"validated_at" timestamp with time zone,
	"veille" integer,
	"animation" integer,
	"redaction" integer,
	CONSTRAINT "service_statements_minutes" CHECK ("service_statements"."minutes" BETWEEN 0 AND 12000)
);
--> statement-breakpoint
CREATE TABLE "dossier_pages" (
	"dossier_id" bigint NOT NULL,
	"page_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_pages_dossier_id_page_id_pk" PRIMARY KEY("dossier_id","page_id")
);
--> statement-breakpoint
CREATE TABLE "duty_roster" (
	"community_id" bigint NOT NULL,
	"week_start" date NOT NULL,
	"animator_id" bigint NOT NULL,
	"set_by" bigint,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_roster_community_id_week_start_pk" PRIMARY KEY("community_id","week_start"),
	CONSTRAINT "duty_roster_monday" CHECK (extract(isodow FROM "duty_roster"."week_start") = 1)
);
--> statement-breakpoint
CREATE TABLE "invitation_acceptances" (
	"invitation_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	CONSTRAINT "invitation_acceptances_invitation_id_user_id_pk" PRIMARY KEY("invitation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"inviter_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"email" "citext",
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" bigint,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_kind" CHECK (("invitations"."kind" = 'email' AND "invitations"."email" IS NOT NULL) OR ("invitations"."kind" = 'link' AND "invitations"."email" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "wiki_pages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wiki_pages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"title" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" bigint,
	"created_by" bigint NOT NULL,
	"updated_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (
      setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(body_md, ''))), 'B')) STORED
);
--> statement-breakpoint
CREATE TABLE "wiki_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wiki_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"page_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"restored_from" integer,
	"author_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"author_id" bigint NOT NULL,
	"highlights" text DEFAULT '' NOT NULL,
	"difficulties" text DEFAULT '' NOT NULL,
	"proposals" text DEFAULT '' NOT NULL,
	"rendezvous" text DEFAULT '' NOT NULL,
	"figures" jsonb,
	"submitted_at" timestamp with time zone,
	"comment" text,
	"comment_by" bigint,
	"comment_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_meeting_participants" (
	"meeting_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	CONSTRAINT "review_meeting_participants_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "review_meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"agenda" text NOT NULL,
	"minutes" text,
	"decisions" text,
	"minutes_by" bigint,
	"minutes_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_meetings_period" CHECK ("review_meetings"."period_from" <= "review_meetings"."period_to")
);
--> statement-breakpoint
CREATE TABLE "steering_objectives" (
	"community_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"target" numeric NOT NULL,
	"set_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steering_objectives_community_id_kind_pk" PRIMARY KEY("community_id","kind"),
	CONSTRAINT "steering_objectives_kind" CHECK ("steering_objectives"."kind" IN ('quality', 'growth', 'regularity')),
	CONSTRAINT "steering_objectives_positive" CHECK ("steering_objectives"."target" > 0)
);
--> statement-breakpoint
CREATE TABLE "member_settings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"listed" boolean DEFAULT true NOT NULL,
	"show_employer" boolean DEFAULT false NOT NULL,
	"show_job" boolean DEFAULT false NOT NULL,
	"show_territory" boolean DEFAULT false NOT NULL,
	"show_email" boolean DEFAULT false NOT NULL,
	"message_email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_members" (
	"conversation_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_read_id" bigint DEFAULT 0 NOT NULL,
	"unread_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "conversation_members_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"direct_key" text,
	"title" text DEFAULT '' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_kind" CHECK ("conversations"."kind" IN ('direct', 'group'))
);
--> statement-breakpoint
CREATE TABLE "member_blocks" (
	"blocker_id" bigint NOT NULL,
	"blocked_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id")
);
--> statement-breakpoint
CREATE TABLE "message_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "message_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" bigint NOT NULL,
	"reporter_id" bigint NOT NULL,
	"reason_code" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by" bigint,
	"handled_at" timestamp with time zone,
	"action_id" bigint,
	CONSTRAINT "message_reports_status" CHECK ("message_reports"."status" IN ('pending', 'handled'))
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"conversation_id" bigint NOT NULL,
	"author_id" bigint NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "veille_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "veille_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"guid" text NOT NULL,
	"link" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"post_id" bigint,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	CONSTRAINT "veille_items_status" CHECK ("veille_items"."status" IN ('new', 'published', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "veille_sources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "veille_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"etag" text,
	"last_modified" text,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "dossier_id" bigint;--> statement-breakpoint
ALTER TABLE "dossier_follows" ADD CONSTRAINT "dossier_follows_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_follows" ADD CONSTRAINT "dossier_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animator_assignments" ADD CONSTRAINT "animator_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animator_assignments" ADD CONSTRAINT "animator_assignments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animator_assignments" ADD CONSTRAINT "animator_assignments_scale_code_pay_scales_code_fk" FOREIGN KEY ("scale_code") REFERENCES "public"."pay_scales"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "animator_assignments" ADD CONSTRAINT "animator_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_months" ADD CONSTRAINT "community_months_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_stats" ADD CONSTRAINT "community_stats_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activity_daily" ADD CONSTRAINT "member_activity_daily_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activity_daily" ADD CONSTRAINT "member_activity_daily_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_comments" ADD CONSTRAINT "network_comments_post_id_network_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."network_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_comments" ADD CONSTRAINT "network_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_event_registrations" ADD CONSTRAINT "network_event_registrations_event_id_network_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."network_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_event_registrations" ADD CONSTRAINT "network_event_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_events" ADD CONSTRAINT "network_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_statements" ADD CONSTRAINT "service_statements_assignment_id_animator_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."animator_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_statements" ADD CONSTRAINT "service_statements_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_statements" ADD CONSTRAINT "service_statements_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_pages" ADD CONSTRAINT "dossier_pages_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_pages" ADD CONSTRAINT "dossier_pages_page_id_wiki_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_roster" ADD CONSTRAINT "duty_roster_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_roster" ADD CONSTRAINT "duty_roster_animator_id_users_id_fk" FOREIGN KEY ("animator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_roster" ADD CONSTRAINT "duty_roster_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation_acceptances" ADD CONSTRAINT "invitation_acceptances_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation_acceptances" ADD CONSTRAINT "invitation_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_inviter_id_users_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wiki_pages" ADD CONSTRAINT "wiki_pages_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wiki_revisions" ADD CONSTRAINT "wiki_revisions_page_id_wiki_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."wiki_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wiki_revisions" ADD CONSTRAINT "wiki_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reports" ADD CONSTRAINT "activity_reports_comment_by_users_id_fk" FOREIGN KEY ("comment_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meeting_participants" ADD CONSTRAINT "review_meeting_participants_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meeting_participants" ADD CONSTRAINT "review_meeting_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_minutes_by_users_id_fk" FOREIGN KEY ("minutes_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_objectives" ADD CONSTRAINT "steering_objectives_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_objectives" ADD CONSTRAINT "steering_objectives_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_settings" ADD CONSTRAINT "member_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_members" ADD CONSTRAINT "conversation_members_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_members" ADD CONSTRAINT "conversation_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_blocks" ADD CONSTRAINT "member_blocks_blocker_id_users_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_blocks" ADD CONSTRAINT "member_blocks_blocked_id_users_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_reason_code_flag_reasons_code_fk" FOREIGN KEY ("reason_code") REFERENCES "public"."flag_reasons"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_action_id_moderation_audit_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."moderation_audit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "veille_items" ADD CONSTRAINT "veille_items_source_id_veille_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."veille_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "veille_items" ADD CONSTRAINT "veille_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "veille_items" ADD CONSTRAINT "veille_items_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "veille_items" ADD CONSTRAINT "veille_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "veille_sources" ADD CONSTRAINT "veille_sources_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "veille_sources" ADD CONSTRAINT "veille_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_follows_user_idx" ON "dossier_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "animator_assignments_user_idx" ON "animator_assignments" USING btree ("user_id","starts_on");--> statement-breakpoint
CREATE INDEX "animator_assignments_community_idx" ON "animator_assignments" USING btree ("community_id","starts_on","id");--> statement-breakpoint
CREATE INDEX "member_activity_daily_day_user_idx" ON "member_activity_daily" USING btree ("day","user_id");--> statement-breakpoint
CREATE INDEX "network_comments_post_idx" ON "network_comments" USING btree ("post_id","created_at","id");--> statement-breakpoint
CREATE INDEX "network_event_registrations_user_idx" ON "network_event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_events_one_exchange_per_month" ON "network_events" USING btree ("month") WHERE "network_events"."kind" = 'exchange';--> statement-breakpoint
CREATE INDEX "network_events_starts_idx" ON "network_events" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "network_posts_created_idx" ON "network_posts" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "service_statements_assignment_month_key" ON "service_statements" USING btree ("assignment_id","month");--> statement-breakpoint
CREATE INDEX "service_statements_community_month_idx" ON "service_statements" USING btree ("community_id","month" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dossier_pages_order_idx" ON "dossier_pages" USING btree ("dossier_id","position");--> statement-breakpoint
CREATE INDEX "invitation_acceptances_pending_idx" ON "invitation_acceptances" USING btree ("user_id") WHERE "invitation_acceptances"."joined_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_community_idx" ON "invitations" USING btree ("community_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "invitations_inviter_idx" ON "invitations" USING btree ("inviter_id","created_at");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("community_id","email") WHERE "invitations"."kind" = 'email';--> statement-breakpoint
CREATE INDEX "wiki_pages_community_idx" ON "wiki_pages" USING btree ("community_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "wiki_pages_search_idx" ON "wiki_pages" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "wiki_revisions_page_number_key" ON "wiki_revisions" USING btree ("page_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_reports_meeting_author_key" ON "activity_reports" USING btree ("meeting_id","author_id");--> statement-breakpoint
CREATE INDEX "activity_reports_author_idx" ON "activity_reports" USING btree ("author_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "review_meeting_participants_user_idx" ON "review_meeting_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "review_meetings_community_scheduled_idx" ON "review_meetings" USING btree ("community_id","scheduled_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversation_members_inbox_idx" ON "conversation_members" USING btree ("user_id","last_message_at" DESC NULLS LAST,"conversation_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversation_members_unread_idx" ON "conversation_members" USING btree ("user_id") WHERE "conversation_members"."unread_count" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_direct_key" ON "conversations" USING btree ("direct_key") WHERE "conversations"."direct_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "member_blocks_blocked_idx" ON "member_blocks" USING btree ("blocked_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_reports_reporter_key" ON "message_reports" USING btree ("reporter_id","message_id");--> statement-breakpoint
CREATE INDEX "message_reports_pending_idx" ON "message_reports" USING btree ("created_at","id") WHERE "message_reports"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "message_reports_message_idx" ON "message_reports" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "veille_items_community_link_key" ON "veille_items" USING btree ("community_id","link");--> statement-breakpoint
CREATE UNIQUE INDEX "veille_items_source_guid_key" ON "veille_items" USING btree ("source_id","guid");--> statement-breakpoint
CREATE INDEX "veille_items_inbox_idx" ON "veille_items" USING btree ("community_id","status","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "veille_sources_community_url_key" ON "veille_sources" USING btree ("community_id","url");--> statement-breakpoint
CREATE INDEX "veille_sources_due_idx" ON "veille_sources" USING btree ("next_poll_at");--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_directory_sort_idx" ON "users" USING btree (immutable_unaccent(lower("last_name" || ' ' || "first_name")),"id") WHERE "users"."deleted_at" IS NULL AND "users"."banned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_directory_departement_idx" ON "users" USING btree ("departement",immutable_unaccent(lower("last_name" || ' ' || "first_name")),"id") WHERE "users"."deleted_at" IS NULL AND "users"."banned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_job_trgm" ON "users" USING gin ((immutable_unaccent(lower("job"))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_employer_trgm" ON "users" USING gin ((immutable_unaccent(lower("employer"))) gin_trgm_ops);--> statement-breakpoint
INSERT INTO "pay_scales" ("code", "label", "hourly_rate_cents") VALUES ('4T1', 'Grille 4T1 (taux horaire de référence)', 3880) ON CONFLICT DO NOTHING;