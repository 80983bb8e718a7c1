// Drops a run's template database and every per-test copy of it. Used by the global teardown, by a
// detached process when the run is interrupted (SIGINT/SIGTERM end vitest without its teardown),
// and at the start of a run for leftovers of runs whose process no longer exists.
import postgres from "postgres";
import { isProcessAlive } from "../../src/process-alive.ts";

const TEMPLATE = /^ch_tpl_(\d+)_[0-9a-z]+$/;

/** Drops copies first (each is made from the template), then the template; one failure does not stop the rest. */
export async function dropTestDatabases(url: string, template: string): Promise<string[]> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const failures: string[] = [];
  try {
    const copies = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${template.replace(/_/g, "\\_")}\\_t%`}`;
    for (const name of [...copies.map((c) => c.datname), template]) {
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.unsafe(`drop database if exists "${name}" with (force)`);
          break;
        } catch (error) {
          // "being accessed by other users": a terminated session had not gone yet. Try again.
          if (attempt >= 3) {
            failures.push(`${name}: ${(error as Error).message}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 500 * attempt));
        }
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  return failures;
}

/** Templates left by earlier runs whose vitest process is gone (killed, interrupted, crashed). */
export async function dropOrphanedTemplates(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  let names: string[];
  try {
    names = (await admin<{ datname: string }[]>`select datname from pg_database where datname like 'ch\\_tpl\\_%'`).map(
      (r) => r.datname,
    );
  } finally {
    await admin.end({ timeout: 5 });
  }
  for (const name of names) {
    const pid = Number(TEMPLATE.exec(name)?.[1] ?? 0);
    if (pid && !isProcessAlive(pid)) await dropTestDatabases(url, name);
  }
}

// As a script: node drop-test-databases.ts URL TEMPLATE
if (import.meta.main) {
  const [url, template] = process.argv.slice(2);
  if (url && template) await dropTestDatabases(url, template);
}
