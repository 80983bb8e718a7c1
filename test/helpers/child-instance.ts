// An instance as a real operating-system process (`node src/main.ts serve`), for tests that kill
// it the hard way. It gets only the environment given here.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { eventually } from "./instance.ts";

const root = join(import.meta.dirname, "..", "..");

export type ChildInstance = {
  readonly process: ChildProcess;
  /** Log lines (pino JSON) written so far. */
  readonly output: string[];
  kill(signal: NodeJS.Signals): Promise<void>;
};

export async function spawnInstance(origin: string, env: Record<string, string>): Promise<ChildInstance> {
  // process.execPath: the Node 24 that runs the tests (not npx, whose child a signal would miss).
  const child = spawn(process.execPath, [join(root, "src", "main.ts"), "serve"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  let exited = false;
  child.on("exit", () => (exited = true));
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      output.push(...lines);
    });
  }
  await eventually(
    async () => {
      if (exited) throw new Error(`the instance exited:\n${output.join("\n")}`);
      return (await fetch(`${origin}/healthz`).catch(() => undefined))?.ok;
    },
    60_000,
    "the child instance to serve",
  ).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  return {
    process: child,
    output,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
