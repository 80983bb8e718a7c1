import postgres from "postgres";
import { envValue } from "../../src/config.ts";

/** The PostgreSQL server the suite runs against, or undefined to run on PGlite. */
export function testDatabaseUrl(): string | undefined {
  return envValue("TEST_DATABASE_URL") || undefined;
}

export function adminSql(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}
