ALTER TABLE "directory_words" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "directory_words" CASCADE;--> statement-breakpoint
DROP INDEX "directory_providers_search_idx";--> statement-breakpoint
DROP INDEX "directory_providers_kinds_idx";--> statement-breakpoint
ALTER TABLE "directory_state" ADD COLUMN "changes_from" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "service_kinds";--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "price_models";--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "support_languages";--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "kinds_mask";--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "prices_mask";--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "values_mask";--> statement-breakpoint
ALTER TABLE "directory_providers" DROP COLUMN "has_open";