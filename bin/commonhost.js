#!/usr/bin/env -S node --max-semi-space-size=4
// Runs a command from the bundle of the sources when one is up to date, else from the TypeScript
// sources directly (Node 24 strips types): see src/boot/load-main.ts.
//
// Plain JavaScript on purpose: Node's compile cache is switched on here, before any TypeScript is
// loaded, so the type-stripped code comes from the cache and Node's TypeScript stripper is not even
// loaded. DATA_DIR is read as src/config.ts reads it (after ./.env); the cache lives under it.
import { existsSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { join, resolve } from "node:path";

if (existsSync(".env")) process.loadEnvFile(".env");
const dataDir = resolve(process.env.DATA_DIR || "./data");
try {
  enableCompileCache(join(dataDir, ".cache", "node-compile"));
} catch {
  // no cache then
}

const { loadMain } = await import("../src/boot/load-main.ts");
const args = process.argv.slice(2);
const main = await loadMain(args, { dataDir, bundle: process.env.START_BUNDLE !== "off" });

main(args).then(
  (code) => {
    if (code !== "running") process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `${error?.issues || error?.name === "DatabaseInUseError" ? error.message : `commonhost: ${error?.stack ?? error}`}\n`,
    );
    process.exitCode = 1;
  },
);
