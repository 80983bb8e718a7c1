import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createOperator, enableTotp } from "../../src/domain/accounts/accounts.ts";
import { sha256 } from "../../src/domain/accounts/tokens.ts";
import { generateTotpSecret, totpCode } from "../../src/domain/accounts/totp.ts";
import { cli, databaseVars, STACK_LINE } from "../helpers/cli.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PanelClient, PASSWORD, setUpThroughPanel, signIn } from "../helpers/panel-client.ts";

const NEW_PASSWORD = "another long passphrase";
const ORIGIN = "https://hosting.example";

describe("commonhost account", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => {
    await stopAll(instance);
    instance = undefined;
  });

  it("lists the accounts, and prints a one-time link that sets a new password and signs the account out", {
    timeout: 240_000,
  }, async () => {
    instance = await startInstance({ handle: null });
    const alice = await setUpThroughPanel(instance, { username: "alice" });
    const db = instance.services.database.db;
    const bob = await createOperator(db, { username: "bob", password: PASSWORD, role: "editor" });
    if (!bob.ok) throw new Error("no bob");
    const secret = generateTotpSecret();
    expect((await enableTotp(db, bob.value.id, secret, totpCode(secret))).ok).toBe(true);
    const vars = { ...databaseVars(instance.testDatabase), ORIGIN };

    let list: Awaited<ReturnType<typeof cli>> | undefined;
    let reset: Awaited<ReturnType<typeof cli>> | undefined;
    // The embedded database belongs to one process at a time: the command runs while the server is down.
    instance = await instance.restart(async () => {
      list = await cli(["account", "list"], vars);
      reset = await cli(["account", "reset", "--username", "Alice"], vars);
    });
    expect(list!.code, list!.stderr).toBe(0);
    const [aliceLine, bobLine] = list!.stdout.trim().split("\n");
    expect(aliceLine).toMatch(/^alice +admin +TOTP off +created \S+Z +last seen \d{4}-\S+Z$/);
    expect(bobLine).toMatch(/^bob +editor +TOTP on +created \S+Z +not signed in$/);

    expect(reset!.code, reset!.stderr).toBe(0);
    const link = reset!.stdout.trim();
    expect(link).toMatch(new RegExp(`^${ORIGIN}/admin/reset\\?code=[A-Za-z0-9_-]{43}$`));
    const code = new URL(link).searchParams.get("code")!;
    expect(reset!.stderr).toContain("for alice, valid until");
    expect(reset!.stderr).not.toContain(code);
    // Only a hash of the link's secret is stored.
    const stored = JSON.stringify(await instance.services.database.rows(sql`select * from kv_entries`));
    expect(stored).not.toContain(code);
    expect(stored).toContain(sha256(code));

    // Until the link is used nothing changes: the old session and password still work.
    expect((await alice.get("/admin")).status).toBe(200);
    const form = await new PanelClient(instance.origin).get(`/admin/reset?code=${code}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain("alice");
    expect(form.html).not.toContain('name="totp"');

    const user = new PanelClient(instance.origin);
    await user.get(`/admin/reset?code=${code}`);
    const done = await user.post("/admin/reset", { code, password: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/admin/account?done=reset");
    expect((await user.get("/admin/account?done=reset")).status).toBe(200);
    // The other session is signed out; the old password no longer works, the new one does.
    expect((await alice.get("/admin")).status).toBe(303);
    expect((await signIn(instance.origin, "alice")).response.status).toBe(403);
    expect((await signIn(instance.origin, "alice", NEW_PASSWORD)).response.status).toBe(303);
    // Single use.
    expect((await new PanelClient(instance.origin).get(`/admin/reset?code=${code}`)).status).toBe(403);
  });

  it("turns the second factor off with --disable-totp, and refuses bad input with a message", {
    timeout: 240_000,
  }, async () => {
    instance = await startInstance({ handle: null });
    await setUpThroughPanel(instance, { username: "alice" });
    const db = instance.services.database.db;
    const secret = generateTotpSecret();
    const [alice] = await instance.services.database.rows<{ id: string }>(
      sql`select id from operators where username = 'alice'`,
    );
    expect((await enableTotp(db, alice!.id, secret, totpCode(secret))).ok).toBe(true);
    const vars = { ...databaseVars(instance.testDatabase), ORIGIN };

    const runs: Record<string, Awaited<ReturnType<typeof cli>>> = {};
    instance = await instance.restart(async () => {
      // One at a time: each opens the embedded database, which one process holds at a time.
      runs.reset = await cli(["account", "reset", "--username", "alice", "--disable-totp"], vars);
      runs.unknown = await cli(["account", "reset", "--username", "nobody"], vars);
      runs.malformed = await cli(["account", "reset", "--username", "not a name!"], vars);
      const [missing, stray, noAction] = await Promise.all([
        cli(["account", "reset"], vars),
        cli(["account", "list", "--disable-totp"], vars),
        cli(["account"], vars),
      ]);
      Object.assign(runs, { missing, stray, noAction });
    });
    expect(runs.unknown!.code).toBe(1);
    expect(runs.unknown!.stderr).toContain('No operator is called "nobody"');
    for (const name of ["missing", "malformed", "stray", "noAction"]) {
      expect(runs[name]!.code, name).toBe(2);
      expect(runs[name]!.stderr, name).not.toMatch(STACK_LINE);
    }
    expect(runs.missing!.stderr).toContain("account reset needs --username");

    expect(runs.reset!.code, runs.reset!.stderr).toBe(0);
    expect(runs.reset!.stderr).toContain("turns its second factor off");
    const code = new URL(runs.reset!.stdout.trim()).searchParams.get("code")!;
    const user = new PanelClient(instance.origin);
    expect((await user.get(`/admin/reset?code=${code}`)).html).not.toContain('name="totp"');
    expect((await user.post("/admin/reset", { code, password: NEW_PASSWORD })).status).toBe(303);
    // No code is asked at sign-in any more.
    expect((await signIn(instance.origin, "alice", NEW_PASSWORD)).response.status).toBe(303);
  });
});
