// How the benches start an instance: exactly what `npm start` runs (its Node flags included).
import { readFileSync } from "node:fs";

/** The arguments after `node` in package.json's start script, e.g. ["--max-semi-space-size=4", "bin/commonhost.js", "serve"]. */
export function serveArgs(): string[] {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  };
  const [node, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (node !== "node") throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return args;
}

/** The Node flags of the start script, to run other entry points (bench fixtures) the same way. */
export function serveNodeFlags(): string[] {
  return serveArgs().filter((a) => a.startsWith("--"));
}
