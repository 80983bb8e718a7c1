// Interop fixtures (test/fixtures/), read as JSON and optionally re-hosted onto test addresses.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function fixtureText(name: string): string {
  return readFileSync(join(import.meta.dirname, "..", "fixtures", name), "utf8");
}

export function fixture(name: string, replacements: Record<string, string> = {}): Record<string, unknown> {
  let text = fixtureText(name);
  // Longest first, so a URL is replaced before the host it starts with.
  for (const from of Object.keys(replacements).sort((a, b) => b.length - a.length))
    text = text.replaceAll(from, replacements[from]!);
  return JSON.parse(text) as Record<string, unknown>;
}
