CREATE TABLE "images" (
	"id" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "provider" ADD COLUMN "icon_image" text;--> statement-breakpoint
ALTER TABLE "provider" ADD COLUMN "header_image" text;--> statement-breakpoint
ALTER TABLE "directory_providers" ADD COLUMN "icon_url" text;--> statement-breakpoint
ALTER TABLE "inquiries" ADD COLUMN "state" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "provider" ADD CONSTRAINT "provider_icon_image_images_id_fk" FOREIGN KEY ("icon_image") REFERENCES "public"."images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider" ADD CONSTRAINT "provider_header_image_images_id_fk" FOREIGN KEY ("header_image") REFERENCES "public"."images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inquiries_state_idx" ON "inquiries" USING btree ("direction","state");