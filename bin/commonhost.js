#!/usr/bin/env -S node --max-semi-space-size=4
// Runs the TypeScript sources directly: Node 24 strips types, no build step. The start-up hooks are
// loaded before everything else (they apply only to modules loaded after them), hence the dynamic import.
import "../src/boot/start-fast.ts";

const { main } = await import("../src/main.ts");

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== "running") process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error?.issues || error?.name === "DatabaseInUseError" ? error.message : `commonhost: ${error?.stack ?? error}`}\n`);
    process.exitCode = 1;
  },
);
