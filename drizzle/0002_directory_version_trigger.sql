-- Every change to the directory raises directory_state.version, so cached search answers know when
-- they no longer hold. Deferred to commit: the shared row is locked for an instant, not for the
-- whole transaction, so replicas written side by side do not wait on each other. Services are only
-- written with their provider's row (and deleted with it), so the provider's trigger covers them.
INSERT INTO "directory_state" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "directory_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "directory_state" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_providers_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_providers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "directory_bump_version"();
--> statement-breakpoint
CREATE TRIGGER "directory_providers_truncated" AFTER TRUNCATE ON "directory_providers"
  FOR EACH STATEMENT EXECUTE FUNCTION "directory_bump_version"();
