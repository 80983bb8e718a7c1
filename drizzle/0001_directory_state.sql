CREATE TABLE "directory_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "directory_state_single_row" CHECK ("directory_state"."id" = 1)
);
