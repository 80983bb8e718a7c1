// A remote sender of our own: a Fedify federation with a real RSA key, serving its actor and key on a
// loopback port, and signing deliveries (draft-cavage, as most of the fediverse does) ahead of time.
import { createFederation, generateCryptoKeyPair, MemoryKvStore, signRequest } from "@fedify/fedify";
import { Person } from "@fedify/vocab";
import { serve } from "@hono/node-server";
import { freePort } from "../../test/helpers/free-port.ts";

export type Sender = {
  readonly actorUri: string;
  /** Signs a delivery of `activity` (a JSON-LD object) to `inbox`; the body is fixed, so it can be replayed once. */
  sign(inbox: string, activity: Record<string, unknown>): Promise<Request>;
  stop(): Promise<void>;
};

export async function startSender(handle = "sender"): Promise<Sender> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const federation = createFederation<void>({ kv: new MemoryKvStore(), origin, allowPrivateAddress: true });
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (identifier !== handle) return null;
      const [pair] = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: "Bench Sender",
        inbox: ctx.getInboxUri(identifier),
        endpoints: null,
        publicKey: pair?.cryptographicKey ?? null,
      });
    })
    .setKeyPairsDispatcher((_ctx, identifier) => (identifier === handle ? [keys] : []));
  federation.setInboxListeners("/users/{identifier}/inbox");
  const server = serve({
    fetch: (request) => federation.fetch(request, { contextData: undefined }),
    port,
    hostname: "127.0.0.1",
  });
  const ctx = federation.createContext(new URL(origin), undefined);
  const actorUri = ctx.getActorUri(handle).href;
  const keyId = new URL(`${actorUri}#main-key`);
  return {
    actorUri,
    sign: (inbox, activity) =>
      signRequest(
        new Request(inbox, {
          method: "POST",
          headers: { "Content-Type": "application/activity+json" },
          body: JSON.stringify(activity),
        }),
        keys.privateKey,
        keyId,
        { spec: "draft-cavage-http-signatures-12" },
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
