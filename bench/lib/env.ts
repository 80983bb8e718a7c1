// What the benches read from the environment: through the project's one reader of it.
import { envValue } from "../../src/config.ts";

/** PostgreSQL server for the PostgreSQL half of the benches; set BENCH_DATABASE_URL=skip to run PGlite only. */
export function benchDatabaseUrl(): string | undefined {
  const url = envValue("BENCH_DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
  return url === "skip" ? undefined : url;
}

/** Fewer rounds and requests, for a quick look. */
export const quick = envValue("BENCH_QUICK") === "1";

/** BENCH_CPU_PROF=DIR: the instances under test write V8 CPU profiles there (open them in Chrome's devtools). */
export function profileFlags(): string[] {
  const dir = envValue("BENCH_CPU_PROF");
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}
