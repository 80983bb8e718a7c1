// A small stand-in for a Mastodon server: a Fedify federation of its own that serves one actor
// shaped exactly like test/fixtures/mastodon-actor.json (with a real key), receives what our
// instance sends it, and posts Mastodon's own activity fixtures, byte for byte, signed.
import { serve, type ServerType } from "@hono/node-server";
import { createFederation, generateCryptoKeyPair, MemoryKvStore } from "@fedify/fedify";
import { Accept, type Activity, Create, Delete, Move, Person, Reject } from "@fedify/vocab";
import { fixture } from "./fixtures.ts";
import { eventually, freePort } from "./instance.ts";
import { signedRequest } from "./signed-post.ts";

export type RemoteServer = {
  readonly origin: string;
  readonly actorUri: string;
  /** Activities our instance delivered to the remote actor's inboxes. */
  readonly received: Activity[];
  /** The JSON bodies posted to its inboxes, as they arrived (before any parsing). */
  readonly posted: Record<string, unknown>[];
  /** POSTs a fixture (hosts re-pointed at this server and at `ours`), signed by the remote actor. */
  post(
    fixtureName: string,
    inbox: string,
    extra?: Record<string, string>,
    edit?: (doc: Record<string, unknown>) => void,
  ): Promise<Response>;
  close(): Promise<void>;
};

/** `ours` maps the fixtures' placeholders for our side (https://hosting.example/...) to real URLs. */
export async function startMastodonLike(ours: Record<string, string>): Promise<RemoteServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const replacements = { "https://mastodon.example": origin, "@mastodon.example": `@127.0.0.1:${port}`, ...ours };
  const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const received: Activity[] = [];
  const posted: Record<string, unknown>[] = [];
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    allowPrivateAddress: true,
    firstKnock: "draft-cavage-http-signatures-12",
  });
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (identifier !== "alice") return null;
      const person = await Person.fromJsonLd(fixture("mastodon-actor.json", replacements));
      const [pair] = await ctx.getActorKeyPairs(identifier);
      return person.clone({ publicKey: pair!.cryptographicKey });
    })
    .setKeyPairsDispatcher((_ctx, identifier) => (identifier === "alice" ? [keys] : []));
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Accept, (_ctx, activity) => void received.push(activity))
    .on(Reject, (_ctx, activity) => void received.push(activity))
    .on(Create, (_ctx, activity) => void received.push(activity))
    .on(Delete, (_ctx, activity) => void received.push(activity))
    .on(Move, (_ctx, activity) => void received.push(activity));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        async fetch(request) {
          if (request.method === "POST") posted.push(JSON.parse(await request.clone().text()));
          return federation.fetch(request, { contextData: undefined });
        },
        port,
        hostname: "127.0.0.1",
      },
      () => resolve(s),
    );
  });
  const actorUri = `${origin}/users/alice`;
  return {
    origin,
    actorUri,
    received,
    posted,
    async post(fixtureName, inbox, extra = {}, edit) {
      const doc = fixture(fixtureName, { ...replacements, ...extra });
      edit?.(doc);
      const request = await signedRequest(inbox, JSON.stringify(doc), {
        keyId: new URL(`${actorUri}#main-key`),
        privateKey: keys.privateKey,
      });
      return fetch(request);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/**
 * A Mastodon stand-in that follows the provider `handle` of an instance (the fixture's Follow, its
 * accounts mapped onto the instance), once the instance has accepted.
 */
export async function followedByMastodonLike(instance: { origin: string }, handle = "alpha"): Promise<RemoteServer> {
  const host = new URL(instance.origin).host;
  const remote = await startMastodonLike({
    "https://hosting.example/actors/provider": `${instance.origin}/actors/${handle}`,
    "https://hosting.example": instance.origin,
    "@provider@hosting.example": `@${handle}@${host}`,
  });
  const posted = await remote.post("mastodon-follow.json", `${instance.origin}/actors/${handle}/inbox`);
  if (posted.status !== 202) throw new Error(`the follow was answered ${posted.status}`);
  await eventually(() => remote.received.length > 0, 30_000, "the Accept of the follow");
  return remote;
}
