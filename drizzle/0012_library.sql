ALTER TABLE "documents" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_words" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_author_idx" ON "documents" USING btree ("author");