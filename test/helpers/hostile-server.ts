// A hostile server on loopback: it serves whatever documents a test gives it (key documents naming
// someone else as owner, actors whose inbox redirects elsewhere) and records every request.
import { generateCryptoKeyPair } from "@fedify/fedify";
import { CryptographicKey, Multikey, Person } from "@fedify/vocab";
import { recordingServer, type RecordingServer } from "./recording-server.ts";

export type HostileServer = RecordingServer & {
  /** Serves `body` as JSON-LD at `path` (or answers with the given status and Location). */
  serve(path: string, body: unknown, status?: number, location?: string): void;
};

export async function hostileServer(): Promise<HostileServer> {
  const routes = new Map<string, { status: number; body: string; location?: string }>();
  const server = await recordingServer(404, (req) => {
    const route = routes.get((req.url ?? "").split("?")[0]!);
    return route
      ? { status: route.status, body: route.body, type: "application/activity+json", location: route.location }
      : undefined;
  });
  return Object.assign(server, {
    serve(path: string, body: unknown, status = 200, location?: string) {
      routes.set(path, { status, body: JSON.stringify(body), ...(location ? { location } : {}) });
    },
  });
}

/** An RSA key pair and its key document at `keyUrl`, claiming `owner` as its owner. */
export async function forgedRsaKey(keyUrl: string, owner: string) {
  const pair = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const doc = await new CryptographicKey({
    id: new URL(keyUrl),
    owner: new URL(owner),
    publicKey: pair.publicKey,
  }).toJsonLd();
  return { pair, doc };
}

/** An Ed25519 key pair and its Multikey document at `keyUrl`, claiming `controller` controls it. */
export async function forgedMultikey(keyUrl: string, controller: string) {
  const pair = await generateCryptoKeyPair("Ed25519");
  const doc = await new Multikey({
    id: new URL(keyUrl),
    controller: new URL(controller),
    publicKey: pair.publicKey,
  }).toJsonLd();
  return { pair, doc };
}

/** A real actor on the hostile server (its key on its own origin, listed by its document). */
export async function hostileActor(server: HostileServer, name: string, inbox?: string) {
  const id = `${server.origin}/actors/${name}`;
  const pair = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const keyId = new URL(`${id}#key`);
  const person = new Person({
    id: new URL(id),
    preferredUsername: name,
    inbox: new URL(inbox ?? `${id}/inbox`),
    publicKey: new CryptographicKey({ id: keyId, owner: new URL(id), publicKey: pair.publicKey }),
  });
  server.serve(`/actors/${name}`, await person.toJsonLd());
  return { id, signer: { keyId, privateKey: pair.privateKey } };
}
