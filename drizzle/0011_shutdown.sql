CREATE TABLE "shutdown_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"effective" timestamp with time zone NOT NULL,
	"successor_uri" text NOT NULL,
	"successor_inbox" text NOT NULL,
	"successor_handle" text,
	"message" text NOT NULL,
	"announcement_id" uuid NOT NULL,
	"offer_id" text NOT NULL,
	"consent" text DEFAULT 'pending' NOT NULL,
	"state" text DEFAULT 'standing' NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	CONSTRAINT "shutdown_notices_offer_id_unique" UNIQUE("offer_id")
);
--> statement-breakpoint
CREATE TABLE "succession_requests" (
	"key" uuid PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"predecessor_uri" text NOT NULL,
	"predecessor_inbox" text NOT NULL,
	"predecessor_handle" text,
	"predecessor_name" text,
	"effective" timestamp with time zone NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "succession_requests_offer_id_unique" UNIQUE("offer_id")
);
--> statement-breakpoint
ALTER TABLE "provider" ADD COLUMN "also_known_as" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "provider" ADD COLUMN "moved_to" text;--> statement-breakpoint
ALTER TABLE "provider" ADD COLUMN "closing" jsonb;--> statement-breakpoint
ALTER TABLE "directory_providers" ADD COLUMN "closing_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "directory_providers" ADD COLUMN "closing_successor" text;--> statement-breakpoint
ALTER TABLE "directory_providers" ADD COLUMN "moved_to" text;--> statement-breakpoint
CREATE UNIQUE INDEX "shutdown_notices_one_standing" ON "shutdown_notices" USING btree ("state") WHERE "shutdown_notices"."state" = 'standing';--> statement-breakpoint
CREATE INDEX "succession_requests_received_idx" ON "succession_requests" USING btree ("received_at");