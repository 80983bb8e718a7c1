CREATE TABLE "directory_changes" (
	"version" bigint PRIMARY KEY NOT NULL,
	"actor_uri" text NOT NULL,
	"profile" boolean DEFAULT true NOT NULL
);
