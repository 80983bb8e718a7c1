// The command line says the domain's failures from the catalogue (locales/en/errors.json), field by
// field, and never with a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli, databaseVars, STACK_LINE } from "../helpers/cli.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";

describe("failures on the command line", () => {
  let database: TestDatabase | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await database?.drop();
    database = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("says a failure and each bad field in the catalogue's words", { timeout: 180_000 }, async () => {
    database = await freshDatabase();
    const vars = databaseVars(database);
    const dir = mkdtempSync(join(tmpdir(), "commonhost-cli-"));
    dirs.push(dir);
    const profile = join(dir, "profile.json");
    writeFileSync(profile, JSON.stringify({ website: "nope", summary: "x".repeat(600) }));

    const setup = await cli(["setup", "--handle", "coop", "--name", "The Co-op", "--profile", profile], vars);
    expect(setup.code).toBe(1);
    expect(setup.stderr).toContain("The provider could not be set up.\n");
    expect(setup.stderr).toContain("  profile.website: Enter a full address starting with https://\n");
    expect(setup.stderr).toContain("  profile.summary: At most 500 characters.\n");
    expect(setup.stderr).not.toMatch(STACK_LINE);

    const revoke = await cli(["token", "revoke", "nope"], vars);
    expect(revoke.code).toBe(1);
    expect(revoke.stderr).toBe('No active token matches "nope".\n');
  });
});
