#!/usr/bin/env -S node --max-semi-space-size=4
// Runs a command from the bundle of the sources when one is up to date, else from the TypeScript
// sources directly (Node 24 strips types): see src/boot/load-main.ts.
//
// Plain JavaScript on purpose: Node's compile cache is switched on here, before any TypeScript is
// loaded, so the type-stripped code comes from the cache and Node's TypeScript stripper is not even
// loaded. DATA_DIR and START_BUNDLE come from src/environment.js (plain JavaScript, the one module that
// reads the environment); the cache lives under DATA_DIR.
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { bootSettings } from "../src/environment.js";

const { dataDir, bundle } = bootSettings();
try {
  enableCompileCache(join(dataDir, ".cache", "node-compile"));
} catch {
  // no cache then
}

const { loadMain } = await import("../src/boot/load-main.ts");
const args = process.argv.slice(2);
const main = await loadMain(args, { dataDir, bundle });

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
