// Chooses what runs a command: the bundle (src/boot/bundle.ts) when it is built from the current
// sources, else the sources themselves. `serve` and `worker` build a missing or outdated bundle first
// (once, a few seconds), so that the next starts are fast; the short commands never wait for a build.
import { pathToFileURL } from "node:url";
import { buildBundle, currentBundle } from "./bundle.ts";
import { registerSourceHooks } from "./start-fast.ts";

type Main = (args: string[]) => Promise<number | "running">;

const BUILDS_BUNDLE = new Set(["serve", "worker"]);

export async function loadMain(args: string[], options: { dataDir: string; bundle: boolean }): Promise<Main> {
  if (options.bundle) {
    try {
      const bundle =
        currentBundle(options.dataDir) ??
        (BUILDS_BUNDLE.has(args[0] ?? "") ? await buildBundle(options.dataDir) : undefined);
      if (bundle) return ((await import(pathToFileURL(bundle).href)) as { main: Main }).main;
    } catch {
      // an unwritable cache, a failed build: the sources then
    }
  }
  registerSourceHooks();
  return ((await import("../main.ts")) as { main: Main }).main;
}
