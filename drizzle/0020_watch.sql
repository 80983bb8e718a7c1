CREATE TABLE "watch_reports" (
	"network" text NOT NULL,
	"reporter" text NOT NULL,
	"round" timestamp (3) with time zone NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"checks" text NOT NULL,
	"status" text NOT NULL,
	"conflicted" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "watch_reports_network_reporter_round_pk" PRIMARY KEY("network","reporter","round")
);
--> statement-breakpoint
CREATE INDEX "watch_reports_at_idx" ON "watch_reports" USING btree ("network","at");