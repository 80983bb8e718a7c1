import "temporal-polyfill/global";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { callApi } from "../api/api-client.ts";
import { cli, databaseVars } from "../helpers/cli.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const root = join(import.meta.dirname, "..", "..");
const fixturePath = join(root, "test", "fixtures", "profile.json");

describe("the command line", () => {
  let instance: TestInstance | undefined;
  let database: TestDatabase | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await stopAll(instance);
    instance = undefined;
    await database?.drop();
    database = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the usage of every command with --help", { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "commonhost-cli-"));
    dirs.push(dataDir);
    const top = await cli(["--help"], { DATA_DIR: dataDir });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("Usage: commonhost <command>");
    const commands = [...top.stdout.split("Commands:")[1]!.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(["serve", "migrate", "setup", "token"]));
    const helps = await Promise.all(commands.map((name) => cli([name, "--help"], { DATA_DIR: dataDir })));
    for (const [i, run] of helps.entries()) {
      expect(run.code, commands[i]).toBe(0);
      expect(run.stdout, commands[i]).toContain(`Usage: commonhost ${commands[i]}`);
    }
    const unknown = await cli(["frobnicate"], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it("stops with a message naming a variable that is not valid", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "commonhost-cli-"));
    dirs.push(dataDir);
    const run = await cli(["migrate"], { DATA_DIR: dataDir, PORT: "abc" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PORT: .*"abc"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("sets up the profile from a file and manages tokens, as the API sees it", { timeout: 240_000 }, async () => {
    database = await freshDatabase();
    const vars = databaseVars(database);

    const setup = await cli(["setup", "--handle", "coop", "--name", "The Co-op", "--profile", fixturePath], vars);
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toContain("@coop@");

    const badFile = join(mkdtempSync(join(tmpdir(), "commonhost-cli-")), "bad.json");
    dirs.push(join(badFile, ".."));
    writeFileSync(
      badFile,
      JSON.stringify({
        services: [{ kind: "email", price: { model: "fixed" }, availability: "open" }],
        website: "nope",
      }),
    );
    const bad = await cli(["setup", "--handle", "coop", "--name", "The Co-op", "--profile", badFile], vars);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("profile.services.0.price.amount");
    expect(bad.stderr).toContain("profile.website");

    const created = await cli(["token", "create", "--name", "ci"], vars);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^chp_[A-Za-z0-9_-]+$/);
    const listed = await cli(["token", "list"], vars);
    expect(listed.stdout).toContain("ci");
    expect(listed.stdout).toContain("last used never");
    expect(listed.stdout).not.toContain(token);
    expect((await cli(["token", "create"], vars)).code).toBe(2);

    // The API serves what the CLI wrote: the profile file's JSON (defaults filled in) and the token.
    instance = await startInstance({ testDatabase: database, handle: null, queue: false });
    const profile = await callApi(instance.origin, token, "GET", "/api/v1/profile");
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ handle: "coop", name: "The Co-op" });
    const fixture = JSON.parse(readFileSync(fixturePath, "utf8"));
    // The one default the file leaves out: the second service's support languages.
    expect(profile.body.profile).toEqual({
      ...fixture,
      services: [fixture.services[0], { ...fixture.services[1], supportLanguages: [] }],
    });
    await instance.stop();
    instance = undefined;

    const revoked = await cli(["token", "revoke", "ci"], vars);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Token "ci" revoked.');
    expect((await cli(["token", "list"], vars)).stdout).toMatch(/ci {2}created \S+ {2}revoked /);
    expect((await cli(["token", "revoke", "ci"], vars)).code).toBe(1);

    instance = await startInstance({ testDatabase: database, handle: null, queue: false });
    expect((await callApi(instance.origin, token, "GET", "/api/v1/profile")).status).toBe(401);
  });
});
