// What every command of the command line shares: its description, how it writes, and the database.
import type { Config } from "../config.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";

export type Command = {
  summary: string;
  usage: string;
  options?: Record<string, { type: "string" | "boolean"; description: string }>;
  run(args: {
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
    config: () => Config;
  }): Promise<number | "running">;
};

export const out = (line: string) => process.stdout.write(`${line}\n`);
export const err = (line: string) => process.stderr.write(`${line}\n`);

/** Opens and migrates the database for fn, and closes it (and PGlite's lock) afterwards. */
export async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Terminal-safe text from the database or the network: no control characters, one line, bounded. */
export function printable(text: string, max = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const line = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
