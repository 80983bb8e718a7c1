// What the benches read from the environment, read once through the project's one reader of it.
import { readEnvironment } from "../../src/environment.js";

const env = readEnvironment();

/** PostgreSQL server for the PostgreSQL half of the benches; set BENCH_DATABASE_URL=skip to run PGlite only. */
export function benchDatabaseUrl(): string | undefined {
  const url = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  return url === "skip" ? undefined : url;
}

/** Fewer rounds and requests, for a quick look. */
export const quick = env.BENCH_QUICK === "1";

/** BENCH_CPU_PROF=DIR: the instances under test write V8 CPU profiles there (open them in Chrome's devtools). */
export function profileFlags(): string[] {
  const dir = env.BENCH_CPU_PROF;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** The environment for a child server: this process's, with some variables changed. */
export function environmentWith(changes: Record<string, string>): Record<string, string | undefined> {
  return { ...env, ...changes };
}
