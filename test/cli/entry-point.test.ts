// The entry point loads the start-up hooks (module resolution for drizzle-orm, compile cache) before
// anything else: a whole command must still run through it, and leave its compile cache in DATA_DIR.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { environmentWith } from "../../src/config.ts";

const run = promisify(execFile);

describe("bin/commonhost.js", () => {
  it("migrates a fresh embedded database through the start-up hooks and keeps a compile cache", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "commonhost-entry-"));
    try {
      const { stdout } = await run(process.execPath, ["--max-semi-space-size=4", "bin/commonhost.js", "migrate"], {
        env: environmentWith({ DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" }),
        timeout: 60_000,
      });
      expect(stdout).toContain("Migrations applied.");
      expect(existsSync(join(dataDir, ".cache", "node-compile"))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
