-- The version trigger also logs which provider changed, so a search index kept in memory catches
-- up by reading only those, and reads a provider's full-text document again only when its
-- profile may have changed. The version's row lock, held to commit, orders the log as commits
-- are ordered: a reader that sees a version sees every change before it. Nothing older is logged.
UPDATE "directory_state" SET "changes_from" = "version" WHERE "id" = 1;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "directory_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  UPDATE "directory_state" SET "version" = "version" + 1 WHERE "id" = 1 RETURNING "version" INTO v;
  IF TG_OP = 'TRUNCATE' THEN
    -- Not logged row by row: every index reloads.
    UPDATE "directory_state" SET "changes_from" = v WHERE "id" = 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "directory_changes" ("version", "actor_uri", "profile")
      VALUES (v, NEW."actor_uri", NEW."fetched_at" IS DISTINCT FROM OLD."fetched_at" OR NEW."actor_uri" IS DISTINCT FROM OLD."actor_uri");
    IF NEW."actor_uri" IS DISTINCT FROM OLD."actor_uri" THEN
      -- A renamed row: the old name is gone, logged under a version of its own.
      UPDATE "directory_state" SET "version" = "version" + 1 WHERE "id" = 1 RETURNING "version" INTO v;
      INSERT INTO "directory_changes" ("version", "actor_uri") VALUES (v, OLD."actor_uri");
    END IF;
  ELSE
    INSERT INTO "directory_changes" ("version", "actor_uri")
      VALUES (v, CASE WHEN TG_OP = 'DELETE' THEN OLD."actor_uri" ELSE NEW."actor_uri" END);
  END IF;
  RETURN NULL;
END
$$;
