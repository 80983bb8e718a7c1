// `commonhost network`, run as operators run it, against a running server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { cli, databaseVars, STACK_LINE } from "../helpers/cli.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

describe("commonhost network", () => {
  let instance: TestInstance | undefined;
  let scratch: string | undefined;
  afterEach(async () => {
    await stopAll(instance);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    instance = undefined;
    scratch = undefined;
  });

  const serve = async () => {
    instance = await startInstance({ env: { NETWORK_MIN_WINDOW: "PT1S" } });
    const created = await createToken(instance.services.database.db, "cli");
    if (!created.ok) throw new Error("no token");
    scratch = mkdtempSync(join(tmpdir(), "commonhost-network-"));
    const vars = {
      ...databaseVars(instance.testDatabase),
      HOST: "127.0.0.1",
      PORT: String(instance.config.port),
      COMMONHOST_TOKEN: created.value.token,
    };
    return { vars, dir: scratch };
  };

  it("founds a network from a charter file, opens a motion, votes, shows the record and leaves", {
    timeout: 240_000,
  }, async () => {
    const { vars, dir } = await serve();
    const charter = join(dir, "charter.json");
    writeFileSync(
      charter,
      JSON.stringify({ questions: ["Who are you?"], rules: { resolution: { window: "PT1H" } }, pauseAfterMissed: 2 }),
    );

    const empty = await cli(["network", "list"], vars);
    expect(empty).toMatchObject({ code: 0, stdout: "This instance is in no network.\n" });

    const founded = await cli(
      ["network", "found", "--name", "Hosting commons", "--purpose", "We host movements.", "--charter", charter],
      vars,
    );
    expect(founded.code, founded.stderr).toBe(0);
    const [, key] = /key ([0-9a-f]{20})/.exec(founded.stdout) ?? [];
    expect(key, founded.stdout).toBeDefined();
    expect(founded.stdout).toBe(`Founded Hosting commons: key ${key}, id ${instance!.origin}/networks/${key}\n`);

    const listed = await cli(["network", "list"], vars);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe(`${key}  Hosting commons  member  1 member  0 open motions  charter v1\n`);

    const asJson = await cli(["network", "list", "--json"], vars);
    expect(JSON.parse(asJson.stdout).items[0].charter).toMatchObject({
      questions: ["Who are you?"],
      pauseAfterMissed: 2,
      rules: { resolution: { window: "PT1H" } },
    });

    const opened = await cli(
      ["network", "motions", key!, "open", "--kind", "resolution", "--text", "Share one status page."],
      vars,
    );
    expect(opened.code, opened.stderr).toBe(0);
    const [, motion] = /^Motion ([0-9a-f]{20}) \(resolution\) is open until \S+\.\n$/.exec(opened.stdout) ?? [];
    expect(motion, opened.stdout).toBeDefined();

    const before = await cli(["network", "motions", key!], vars);
    expect(before.stdout).toContain(`${motion}  resolution  open  closes `);
    expect(before.stdout).toContain("yes 0, no 0, abstain 0, block 0; 0 of 1 voted, quorum 1");
    expect(before.stdout).toContain("  Share one status page.\n");
    expect(before.stdout).toContain("  this instance has not voted\n");

    const blocked = await cli(["network", "vote", key!, motion!, "block"], vars);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain("reason: A block needs a reason, which every member will see.");

    const voted = await cli(["network", "vote", key!, motion!, "yes"], vars);
    expect(voted.code, voted.stderr).toBe(0);
    expect(voted.stdout).toBe(
      `Ballot "yes" cast on ${motion}. Now: yes 1, no 0, abstain 0, block 0; 1 of 1 voted, quorum 1.\n`,
    );
    expect((await cli(["network", "motions", key!], vars)).stdout).toContain("  this instance voted yes\n");

    const decisions = await cli(["network", "decisions", key!], vars);
    expect(decisions.code, decisions.stderr).toBe(0);
    const lines = decisions.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^head sha256:[0-9a-f]{64}$/);
    expect(lines[1]).toMatch(
      new RegExp(`^ {3}0 {2}\\S+ {2}founded "Hosting commons" by ${instance!.origin}/actors/provider {2}sha256:`),
    );

    const left = await cli(["network", "leave", key!], vars);
    expect(left).toMatchObject({ code: 0, stdout: "Left Hosting commons; every member is told.\n" });
    expect((await cli(["network", "list"], vars)).stdout).toContain(`${key}  Hosting commons  left  `);
  });

  it("explains itself, and answers bad input with a message, never a stack trace", { timeout: 180_000 }, async () => {
    const { vars, dir } = await serve();
    const help = await cli(["network", "--help"], vars);
    expect(help.code).toBe(0);
    for (const action of ["list", "found", "join", "motions", "vote", "decisions", "leave"])
      expect(help.stdout).toContain(`commonhost network ${action}`);
    expect(help.stdout).toContain("--charter VALUE");

    const notJson = join(dir, "charter.txt");
    writeFileSync(notJson, "questions: who?");
    const { COMMONHOST_TOKEN: _token, ...withoutToken } = vars;
    const usage = await Promise.all([
      cli(["network"], vars),
      cli(["network", "frobnicate"], vars),
      cli(["network", "found"], vars),
      cli(["network", "found", "--name", "X", "--charter", join(dir, "missing.json")], vars),
      cli(["network", "found", "--name", "X", "--charter", notJson], vars),
      cli(["network", "motions", "not-a-key"], vars),
      cli(["network", "vote", "0123456789abcdef0123", "0123456789abcdef0123", "maybe"], vars),
      cli(["network", "list", "--reason", "x"], vars),
      cli(["network", "list"], withoutToken),
    ]);
    for (const run of usage) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("Usage: commonhost network");
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
    expect(usage[3]!.stderr).toContain("Cannot read the charter file");
    expect(usage[4]!.stderr).toContain("is not valid JSON");
    expect(usage[5]!.stderr).toContain('"not-a-key" is not a network key');
    expect(usage[8]!.stderr).toContain("--token TOKEN or COMMONHOST_TOKEN");

    const unknown = await cli(["network", "decisions", "0123456789abcdef0123"], vars);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No network has the key 0123456789abcdef0123");
    const tooShort = await cli(["network", "found", "--name", "Quick"], vars);
    expect(tooShort.code, tooShort.stderr).toBe(0);
    const badRule = join(dir, "bad.json");
    writeFileSync(badRule, JSON.stringify({ rules: { resolution: { window: "PT0.5S" } } }));
    const refused = await cli(["network", "found", "--name", "Quicker", "--charter", badRule], vars);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("charter.rules.resolution.window: At least PT1S on this instance.");
    expect(refused.stderr).not.toMatch(STACK_LINE);
  });
});
