CREATE TABLE "inbound_quota" (
	"sender" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "inbound_quota_sender_hour_pk" PRIMARY KEY("sender","hour")
);
