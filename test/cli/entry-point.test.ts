// The entry point runs a command from the bundle of the sources when one is built from the current
// sources (serve and worker build it), else from the sources themselves: both must run a whole command,
// and a missing, outdated or broken bundle must never stop one.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { bundleEntry, currentBundle } from "../../src/boot/bundle.ts";
import { environmentWith } from "../helpers/test-environment.ts";
import { freePort } from "../helpers/free-port.ts";

const run = promisify(execFile);
const dataDirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "commonhost-entry-"));
  dataDirs.push(dir);
  return dir;
}

const envFor = (dataDir: string, more: Record<string, string> = {}) =>
  environmentWith({ DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent", ...more });

const migrate = (dataDir: string) =>
  run(process.execPath, ["--max-semi-space-size=4", "bin/commonhost.js", "migrate"], {
    env: envFor(dataDir),
    timeout: 150_000,
  });

/** Starts `commonhost serve`, waits for /healthz, reads a page and a static file, then stops it. */
async function serveAndAsk(dataDir: string): Promise<{ health: number; page: number; css: number }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--max-semi-space-size=4", "bin/commonhost.js", "serve"], {
    env: envFor(dataDir, { PORT: String(port), HOST: "127.0.0.1", ORIGIN: origin }),
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
      const health = await fetch(`${origin}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (health === 200) break;
      if (Date.now() > deadline) throw new Error("serve did not answer /healthz");
      await new Promise((r) => setTimeout(r, 50));
    }
    const page = (await fetch(`${origin}/admin/login`)).status;
    const css = (await fetch(`${origin}/static/style.css`)).status;
    return { health: 200, page, css };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

afterEach(() => {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Each test starts Node processes that load the sources cold and migrate a new embedded database: tens of
// seconds on a busy machine, so every test here has far more than vitest's default 30 s.
describe("bin/commonhost.js", { timeout: 300_000 }, () => {
  it("runs a short command from the sources when no bundle is built, and keeps a compile cache", async () => {
    const dataDir = freshDataDir();
    const { stdout } = await migrate(dataDir);
    expect(stdout).toContain("Migrations applied.");
    expect(existsSync(join(dataDir, ".cache", "node-compile"))).toBe(true);
    expect(currentBundle(dataDir)).toBeUndefined(); // short commands never wait for a build
  });

  it("builds the bundle on the first serve, then serves from it", async () => {
    const dataDir = freshDataDir();
    expect(await serveAndAsk(dataDir)).toEqual({ health: 200, page: 200, css: 200 });
    expect(currentBundle(dataDir)).toBeDefined();
    // The second start finds the bundle (migrations, locales and static files found from it too).
    expect(await serveAndAsk(dataDir)).toEqual({ health: 200, page: 200, css: 200 });
    const { stdout } = await migrate(dataDir);
    expect(stdout).toContain("Migrations applied.");
  });

  it("runs a command from a bundle built from the current sources", async () => {
    const dataDir = freshDataDir();
    const current = bundleEntry(dataDir);
    mkdirSync(dirname(current), { recursive: true });
    writeFileSync(
      current,
      `export async function main(args) { console.log("bundle ran " + args.join(" ")); return 0; }\n`,
    );
    const { stdout } = await run(process.execPath, ["bin/commonhost.js", "migrate"], {
      env: envFor(dataDir),
      timeout: 60_000,
    });
    expect(stdout).toContain("bundle ran migrate");
  });

  it("ignores a bundle built from other sources and falls back to the sources when the bundle fails", async () => {
    const dataDir = freshDataDir();
    const throwing = `throw new Error("this bundle must not run");\n`;
    const outdated = join(dataDir, ".cache", "bundle", "0000000000000000", "main.mjs");
    mkdirSync(dirname(outdated), { recursive: true });
    writeFileSync(outdated, throwing);
    expect((await migrate(dataDir)).stdout).toContain("Migrations applied.");

    const current = bundleEntry(dataDir);
    mkdirSync(dirname(current), { recursive: true });
    writeFileSync(current, throwing);
    expect((await migrate(dataDir)).stdout).toContain("Migrations applied.");
  });

  it("runs the sources when START_BUNDLE=off", async () => {
    const dataDir = freshDataDir();
    const { stdout } = await run(process.execPath, ["bin/commonhost.js", "--help"], {
      env: envFor(dataDir, { START_BUNDLE: "off" }),
      timeout: 60_000,
    });
    expect(stdout).toContain("serve");
  });
});
