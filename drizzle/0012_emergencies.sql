CREATE TABLE "emergencies" (
	"key" uuid PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"needs" text NOT NULL,
	"needs_html" text NOT NULL,
	"declared_by" text NOT NULL,
	"subject" text NOT NULL,
	"on_behalf" boolean NOT NULL,
	"local" boolean NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"recipients" text[] DEFAULT '{}' NOT NULL,
	"announcement_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "emergencies_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "announcements" ADD COLUMN "summary" text;--> statement-breakpoint
CREATE INDEX "emergencies_opened_idx" ON "emergencies" USING btree ("opened_at");