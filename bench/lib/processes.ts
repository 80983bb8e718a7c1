// Child servers for the benches: spawned with the same Node binary as the bench, timed from spawn
// to first answer, measured from /proc, and always stopped (also when the bench fails).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { environmentWith } from "./env.ts";
import { freePort } from "../../test/helpers/free-port.ts";

const children = new Set<ChildProcess>();
const killAll = () => {
  for (const child of children) child.kill("SIGKILL");
};
process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export type Server = {
  readonly pid: number;
  readonly origin: string;
  /** Milliseconds from spawn until /healthz first answered 200. */
  readonly readyMs: number;
  /** Asks an IPC child (spawned with ipc: true) a question and waits for the answer. */
  ask<T>(ask: string): Promise<T>;
  /** Resident set size now, from /proc (bytes). */
  rss(): number;
  /** CPU time (user + system) the process has used so far, in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
};

export type ServerSpec = {
  /** Arguments after the Node binary, with "{port}" replaced by the chosen port. */
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
  /** Opens an IPC channel to the child (see ask()). */
  readonly ipc?: boolean;
};

export async function startServer(spec: ServerSpec): Promise<Server> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = spec.args.map((a) => a.replace("{port}", String(port)));
  let output = "";
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: environmentWith({ ...spec.env, PORT: String(port), HOST: "127.0.0.1", ORIGIN: origin }),
    stdio: spec.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => children.delete(child));
  child.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));

  const deadline = started + (spec.timeoutMs ?? 60_000);
  let readyMs = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      await res.arrayBuffer();
      if (res.ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz in time: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const pid = child.pid!;
  let asked = 0;
  const answers = new Map<number, (value: unknown) => void>();
  child.on("message", (m: { id: number; value: unknown }) => answers.get(m.id)?.(m.value));
  return {
    ask<T>(ask: string) {
      const id = asked++;
      return new Promise<T>((resolve) => {
        answers.set(id, (v) => {
          answers.delete(id);
          resolve(v as T);
        });
        child.send({ id, ask });
      });
    },
    pid,
    origin,
    readyMs,
    rss: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "NaN");
  return kb * 1024;
}

/** utime + stime from /proc/PID/stat (clock ticks of 1/100 s on Linux). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
