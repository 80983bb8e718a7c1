CREATE TABLE "directory_proposals" (
	"actor_uri" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"purpose" text NOT NULL,
	"resource" text NOT NULL,
	"quantity_value" real NOT NULL,
	"quantity_unit" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"until_at" timestamp with time zone,
	"region" text,
	CONSTRAINT "directory_proposals_actor_uri_id_pk" PRIMARY KEY("actor_uri","id")
);
--> statement-breakpoint
ALTER TABLE "directory_providers" ADD COLUMN "proposals_url" text;--> statement-breakpoint
ALTER TABLE "directory_proposals" ADD CONSTRAINT "directory_proposals_actor_uri_directory_providers_actor_uri_fk" FOREIGN KEY ("actor_uri") REFERENCES "public"."directory_providers"("actor_uri") ON DELETE cascade ON UPDATE no action;