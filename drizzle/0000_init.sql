CREATE TABLE "actor_keys" (
	"algorithm" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"handle" text NOT NULL,
	"name" text NOT NULL,
	"profile" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_uri" text NOT NULL,
	"follow_id" text,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"handle" text,
	"name" text,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "followers_actor_uri_unique" UNIQUE("actor_uri")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"html" text NOT NULL,
	"language" text,
	"hashtags" text[] DEFAULT '{}' NOT NULL,
	"pinned_at" timestamp with time zone,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"remote_id" text NOT NULL,
	"actor_uri" text NOT NULL,
	"actor_handle" text,
	"actor_name" text,
	"announcement_id" uuid,
	"html" text,
	"url" text,
	"seen" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interactions_remote_id_unique" UNIQUE("remote_id")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "kv_entries" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "queue_dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"ordering_key" text,
	"attempts" integer NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payload" jsonb NOT NULL,
	"ordering_key" text,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leased_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"remote_id" text NOT NULL,
	"actor_uri" text NOT NULL,
	"html" text NOT NULL,
	"url" text,
	"language" text,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_items_remote_id_unique" UNIQUE("remote_id")
);
--> statement-breakpoint
CREATE TABLE "following" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_uri" text NOT NULL,
	"follow_id" text NOT NULL,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"handle" text,
	"name" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "following_actor_uri_unique" UNIQUE("actor_uri")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "operator_invites_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "operator_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"operator_id" uuid NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "operator_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"totp_secret" text,
	"totp_last_step" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operators_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "setup_codes" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_providers" (
	"actor_uri" text PRIMARY KEY NOT NULL,
	"local" boolean DEFAULT false NOT NULL,
	"handle" text,
	"name" text NOT NULL,
	"url" text,
	"following_url" text,
	"summary" text DEFAULT '' NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"value_tags" text[] DEFAULT '{}' NOT NULL,
	"country" text,
	"region" text,
	"jurisdiction" text,
	"service_kinds" text[] DEFAULT '{}' NOT NULL,
	"price_models" text[] DEFAULT '{}' NOT NULL,
	"support_languages" text[] DEFAULT '{}' NOT NULL,
	"kinds_mask" integer DEFAULT 0 NOT NULL,
	"prices_mask" integer DEFAULT 0 NOT NULL,
	"values_mask" integer DEFAULT 0 NOT NULL,
	"has_open" boolean DEFAULT false NOT NULL,
	"spare_storage_gb" real,
	"spare_accounts" integer,
	"member" boolean,
	"depth" integer DEFAULT 1 NOT NULL,
	"learned_from" text,
	"etag" text,
	"last_modified" text,
	"profile" jsonb NOT NULL,
	"search_vector" "tsvector",
	"search_words" text DEFAULT '' NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_services" (
	"actor_uri" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"software" text,
	"description" text,
	"url" text,
	"price_model" text NOT NULL,
	"price_amount" real,
	"price_currency" text,
	"price_period" text,
	"availability" text NOT NULL,
	"support_languages" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "directory_services_actor_uri_position_pk" PRIMARY KEY("actor_uri","position")
);
--> statement-breakpoint
CREATE TABLE "directory_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" text NOT NULL,
	"activity_id" text NOT NULL,
	"peer_actor_uri" text NOT NULL,
	"sender_name" text NOT NULL,
	"sender_email" text NOT NULL,
	"organisation" text,
	"message" text NOT NULL,
	"needs" text,
	"language" text,
	"seen" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiries_activity_id_unique" UNIQUE("activity_id")
);
--> statement-breakpoint
ALTER TABLE "operator_invites" ADD CONSTRAINT "operator_invites_created_by_operators_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_actor_uri_directory_providers_actor_uri_fk" FOREIGN KEY ("actor_uri") REFERENCES "public"."directory_providers"("actor_uri") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "followers_created_idx" ON "followers" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "announcements_published_idx" ON "announcements" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "interactions_received_idx" ON "interactions" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "kv_entries_expires_idx" ON "kv_entries" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "queue_messages_available_idx" ON "queue_messages" USING btree ("available_at","id");--> statement-breakpoint
CREATE INDEX "feed_items_actor_idx" ON "feed_items" USING btree ("actor_uri","published_at");--> statement-breakpoint
CREATE INDEX "login_failures_key_idx" ON "login_failures" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "operator_sessions_operator_idx" ON "operator_sessions" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "directory_providers_search_idx" ON "directory_providers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "directory_providers_values_idx" ON "directory_providers" USING gin ("value_tags");--> statement-breakpoint
CREATE INDEX "directory_providers_kinds_idx" ON "directory_providers" USING gin ("service_kinds");--> statement-breakpoint
CREATE INDEX "directory_providers_country_idx" ON "directory_providers" USING btree ("country");--> statement-breakpoint
CREATE INDEX "directory_services_kind_idx" ON "directory_services" USING btree ("kind","actor_uri");--> statement-breakpoint
CREATE INDEX "directory_services_langs_idx" ON "directory_services" USING gin ("support_languages");--> statement-breakpoint
CREATE INDEX "directory_words_trgm_idx" ON "directory_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "inquiries_created_idx" ON "inquiries" USING btree ("direction","created_at");