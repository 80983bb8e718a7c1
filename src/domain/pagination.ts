// Keyset pagination over (timestamp, id): exact to the microsecond, so no row is skipped or repeated
// when several share a millisecond. The cursor is opaque to clients.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

export type Cursor = { readonly at: string; readonly id: string };

const cursorPattern =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

/** The cursor a client sent back, or undefined if it is not one of ours. */
export function decodeCursor(value: string): Cursor | undefined {
  const match = cursorPattern.exec(Buffer.from(value, "base64url").toString("utf8"));
  return match ? { at: match[1]!, id: match[2]! } : undefined;
}

/** The column's exact value as text (JavaScript dates stop at milliseconds). */
export const exactTime = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows strictly after the cursor in (time desc, id desc) order. */
export const olderThan = (time: AnyPgColumn, id: AnyPgColumn, cursor: Cursor): SQL =>
  sql`(${time}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;

export type Page<T> = { items: T[]; next: string | null };

/** Turns limit + 1 rows (each with its exact time) into a page and the cursor of the next one. */
export function toPage<T extends { id: string }>(rows: (T & { cursorAt: string })[], limit: number): Page<T> {
  const items = rows.slice(0, limit).map(({ cursorAt: _at, ...rest }) => rest as unknown as T);
  const last = rows[limit - 1];
  return { items, next: rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null };
}
