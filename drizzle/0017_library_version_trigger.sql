-- Every change to the documents held raises library_state.version, so kept library answers know when
-- they no longer hold (ADR 0007). Deferred to commit, as the directory's: the shared row is locked for
-- an instant, not for the whole transaction. Revisions, translations and search words are only
-- written with their document's row (its head, its vector), so the documents' trigger covers them.
INSERT INTO "library_state" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "library_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "library_state" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "documents_library_version" AFTER INSERT OR UPDATE OR DELETE ON "documents"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "library_bump_version"();
--> statement-breakpoint
CREATE TRIGGER "documents_library_truncated" AFTER TRUNCATE ON "documents"
  FOR EACH STATEMENT EXECUTE FUNCTION "library_bump_version"();
