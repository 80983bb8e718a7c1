CREATE TABLE "network_decisions_shown" (
	"network" text NOT NULL,
	"seq" integer NOT NULL,
	"digest" text NOT NULL,
	"shown_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_decisions_shown_network_seq_pk" PRIMARY KEY("network","seq")
);
--> statement-breakpoint
CREATE TABLE "network_objects" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"object_id" text NOT NULL,
	"collection" text NOT NULL,
	"author" text NOT NULL,
	"document" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "network_objects_id_unique" UNIQUE("network","object_id")
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"via" text,
	"answers" jsonb,
	"application_sent_at" timestamp with time zone,
	"charter" jsonb,
	"founding" jsonb,
	"shown_members" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fork" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "networks_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "network_decisions_shown" ADD CONSTRAINT "network_decisions_shown_network_networks_id_fk" FOREIGN KEY ("network") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_objects" ADD CONSTRAINT "network_objects_network_networks_id_fk" FOREIGN KEY ("network") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_objects_seq_idx" ON "network_objects" USING btree ("network","seq");