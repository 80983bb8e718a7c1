// Runs the command line as operators do, in a process of its own.
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestDatabase } from "./database.ts";

const root = join(import.meta.dirname, "..", "..");

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `npx node src/main.ts ARGS` with the variables given added to (and DATABASE_URL, PORT, ORIGIN removed from) the environment. */
export function cli(args: string[], vars: Record<string, string>): Promise<Run> {
  const assignments = Object.entries({ LOG_LEVEL: "silent", ...vars }).map(([k, v]) => `${k}=${v}`);
  // `env` changes the child's environment without this process reading its own.
  const child = spawn(
    "env",
    ["-u", "DATABASE_URL", "-u", "PORT", "-u", "ORIGIN", ...assignments, "npx", "node", "src/main.ts", ...args],
    { cwd: root },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The variables that point the command line at a test database. */
export const databaseVars = (db: TestDatabase): Record<string, string> =>
  db.target.databaseUrl ? { DATABASE_URL: db.target.databaseUrl, DATA_DIR: tmpdir() } : { DATA_DIR: db.target.dataDir };

/** A stack trace line: commands answer bad input with a message, never with one. */
export const STACK_LINE = /\n\s+at /;
