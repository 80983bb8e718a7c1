CREATE TABLE "aid_agreements" (
	"key" uuid PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"uri" text NOT NULL,
	"proposal" text NOT NULL,
	"proposed_by" text NOT NULL,
	"provider" text NOT NULL,
	"receiver" text NOT NULL,
	"state" text NOT NULL,
	"agreement" jsonb NOT NULL,
	"document" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "aid_agreements_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "aid_proposals" (
	"key" uuid PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"network" text NOT NULL,
	"author" text NOT NULL,
	"local" boolean NOT NULL,
	"purpose" text NOT NULL,
	"resource" text NOT NULL,
	"region" text,
	"proposal" jsonb NOT NULL,
	"recipients" text[] DEFAULT '{}' NOT NULL,
	"announcement_id" uuid,
	"published_at" timestamp with time zone NOT NULL,
	"until_at" timestamp with time zone,
	CONSTRAINT "aid_proposals_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE INDEX "aid_agreements_created_idx" ON "aid_agreements" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "aid_proposals_network_idx" ON "aid_proposals" USING btree ("network","published_at");