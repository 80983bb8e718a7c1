CREATE TABLE "document_proposals" (
	"key" text PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"document" text NOT NULL,
	"base" text NOT NULL,
	"body" text NOT NULL,
	"message" text NOT NULL,
	"proposer" text NOT NULL,
	"state" text NOT NULL,
	"decided_by" text,
	"reason" text,
	"revision" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "document_proposals_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "document_revisions" (
	"document" text NOT NULL,
	"number" integer NOT NULL,
	"digest" text NOT NULL,
	"author" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"lang" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"proposal" text,
	"accepted_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_revisions_document_number_pk" PRIMARY KEY("document","number")
);
--> statement-breakpoint
CREATE TABLE "document_translations" (
	"document" text NOT NULL,
	"lang" text NOT NULL,
	"revision" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"translator" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_translations_document_lang_pk" PRIMARY KEY("document","lang")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"author" text NOT NULL,
	"local" boolean NOT NULL,
	"audience" text NOT NULL,
	"network" text,
	"group" text,
	"lang" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"head" text NOT NULL,
	"gone" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_documents_id_fk" FOREIGN KEY ("document") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_translations" ADD CONSTRAINT "document_translations_document_documents_id_fk" FOREIGN KEY ("document") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_proposals_document_idx" ON "document_proposals" USING btree ("document");--> statement-breakpoint
CREATE INDEX "document_revisions_digest_idx" ON "document_revisions" USING btree ("document","digest");--> statement-breakpoint
CREATE INDEX "documents_updated_idx" ON "documents" USING btree ("updated_at");