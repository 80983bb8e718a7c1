CREATE TABLE "document_words" (
	"word" text NOT NULL,
	"public" boolean NOT NULL,
	CONSTRAINT "document_words_word_public_pk" PRIMARY KEY("word","public")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "document_words_trgm_idx" ON "document_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_author_idx" ON "documents" USING btree ("author");--> statement-breakpoint
CREATE INDEX "documents_tags_idx" ON "documents" USING gin ("tags");