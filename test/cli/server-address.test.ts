// The command line reaches the running server where it listens, whatever variables it is run with.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { spawnInstance, type ChildInstance } from "../helpers/child-instance.ts";
import { cli, STACK_LINE } from "../helpers/cli.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";
import { eventually, freePort } from "../helpers/instance.ts";

describe("the command line and the running server", () => {
  let server: ChildInstance | undefined;
  let database: TestDatabase | undefined;
  let scratch: string | undefined;
  afterEach(async () => {
    await server?.kill("SIGKILL");
    await database?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    server = undefined;
    database = undefined;
    scratch = undefined;
  });

  it("finds a server started on another port, and says plainly when none runs", { timeout: 240_000 }, async () => {
    database = await freshDatabase();
    const setup = await database.open();
    const created = await createToken(setup.db, "cli");
    await setup.close();
    if (!created.ok) throw new Error("no token");
    const token = created.value.token;
    const { databaseUrl } = database.target;
    scratch = databaseUrl ? mkdtempSync(join(tmpdir(), "commonhost-cli-")) : undefined;
    const dataDir = scratch ?? database.target.dataDir;
    const store: Record<string, string> = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = { ...store, PORT: String(port), HOST: "127.0.0.1", ORIGIN: origin, LOG_LEVEL: "info" };
    const record = join(dataDir, "commonhost.server.json");

    server = await spawnInstance(origin, env);
    // Without PORT or ORIGIN: the server's record says where it is.
    const listed = await cli(["peer", "list", "--token", token], store);
    expect(listed).toMatchObject({ code: 0, stdout: "No peers.\n" });
    // A clean stop removes the record.
    await server.kill("SIGTERM");
    expect(existsSync(record)).toBe(false);

    // A server that crashes leaves its record behind; the command line sees its process is gone and uses
    // the configuration, and the refused connection is said as a sentence.
    server = await spawnInstance(origin, env);
    // The record is written just after the server starts listening: kill it only once it is there.
    await eventually(() => existsSync(record), 60_000, "the server to record its address");
    await server.kill("SIGKILL");
    expect(existsSync(record)).toBe(true);
    const nowhere = await freePort();
    const refused = await cli(["peer", "list", "--token", token], { ...store, PORT: String(nowhere) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`No server is running at http://127.0.0.1:${nowhere}`);
    expect(refused.stderr).toContain("npm start");
    expect(refused.stderr).not.toMatch(STACK_LINE);
    expect(refused.stderr).not.toContain("TypeError");
  });
});
