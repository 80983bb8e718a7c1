// The one place that touches process.env. Plain JavaScript because bin/commonhost.js reads DATA_DIR and
// START_BUNDLE here before any TypeScript is loaded (see docs/adr/0004-cold-start.md); everything else
// gets its settings from src/config.ts, which parses this environment once.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const DEFAULT_DATA_DIR = "./data";

/** process.env, after an optional ./.env file (variables already set win). */
export function readEnvironment() {
  const file = resolve(".env");
  if (existsSync(file)) process.loadEnvFile(file);
  return { ...process.env };
}

/** What the entry point needs before it loads the sources: where the caches live, and whether to use the bundle. */
export function bootSettings(env = readEnvironment()) {
  return {
    dataDir: resolve(env.DATA_DIR || DEFAULT_DATA_DIR),
    bundle: env.START_BUNDLE !== "off",
  };
}
