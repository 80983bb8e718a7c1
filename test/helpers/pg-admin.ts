import postgres from "postgres";
import { testDatabaseUrl as configuredUrl } from "./test-environment.ts";

/** The PostgreSQL server the suite runs against, or undefined to run on PGlite. */
export function testDatabaseUrl(): string | undefined {
  return configuredUrl;
}

export function adminSql(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}
