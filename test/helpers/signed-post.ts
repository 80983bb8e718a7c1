// Signed and unsigned POSTs to an inbox, as a remote server would send them, for tests that need
// to get a signature subtly wrong.
import { signRequest } from "@fedify/fedify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import type { TestInstance } from "./instance.ts";

export type Signer = { keyId: URL; privateKey: CryptoKey };

/** The RSA key an instance signs with, and the key id its actor document publishes for it. */
export async function signerOf(instance: TestInstance, handle: string): Promise<Signer> {
  const [rsa] = await instance.localActors.keyPairs(handle);
  const actor = (await (
    await fetch(`${instance.origin}/actors/${handle}`, { headers: { Accept: "application/activity+json" } })
  ).json()) as {
    publicKey: { id: string };
  };
  return { keyId: new URL(actor.publicKey.id), privateKey: rsa!.privateKey };
}

export async function signedRequest(url: string, body: string, signer: Signer): Promise<Request> {
  const request = new Request(url, { method: "POST", headers: { "Content-Type": "application/activity+json" }, body });
  return signRequest(request, signer.privateKey, signer.keyId, { spec: "draft-cavage-http-signatures-12" });
}

/** Sends a Request again with a different body but the same (now wrong) headers. */
export function withBody(request: Request, body: string): Request {
  return new Request(request.url, { method: "POST", headers: request.headers, body });
}

export function withHeader(request: Request, name: string, value: string, body: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request.url, { method: "POST", headers, body });
}

/** Every table's row count and a hash of its contents: equal fingerprints mean nothing was written. */
export async function fingerprint(database: Database, except: string[] = []): Promise<Record<string, string>> {
  const tables = await database.rows<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [row] = await database.rows<{ n: number; h: string | null }>(
      sql.raw(`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from "${name}" t`),
    );
    result[name] = `${row?.n}:${row?.h ?? ""}`;
  }
  return result;
}
