// The notes a provider's followers read about its networks, as Mastodon reads them: a public status,
// in the provider's language, naming the network and linking its page; a resolution with its text,
// sanitised.
import "temporal-polyfill/global";
import { Create, Note } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkNoticeToCreate, type NetworkNotice } from "../../src/federation/mappers/network-note.ts";
import { mastodonReads } from "../helpers/mastodon-reading.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const NETWORK = { key: "0a1b2c3d4e5f60718293", name: "Réseau <Solidaire> & Co" };
const PUBLISHED = Temporal.Instant.from("2026-11-27T10:00:00Z");

describe("network notes as Mastodon reads them", () => {
  let a: TestInstance | undefined;
  beforeAll(async () => {
    a = await startInstance({ handle: "alpha", queue: false });
  });
  afterAll(async () => stopAll(a));

  async function sent(notice: NetworkNotice, languages: string[], name = "Alpha <Co-op>") {
    const ctx = a!.federation.createContext(new URL(a!.origin), a!.services);
    const uri = ctx.getActorUri("alpha");
    const create = networkNoticeToCreate(
      ctx,
      { identifier: "alpha", uri, name, languages },
      NETWORK,
      notice,
      PUBLISHED,
    );
    // What leaves the instance: the compact JSON-LD the outbox queues.
    const json = (await create.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader })) as Record<
      string,
      unknown
    >;
    return { json, actorUri: uri.href };
  }

  it("tells of joining as a public status in the provider's language, linking the network's page", async () => {
    const { json, actorUri } = await sent({ kind: "joined" }, ["fr", "en"]);
    const page = `${a!.origin}/networks/${NETWORK.key}`;
    const link = `<a href="${page}">Réseau &lt;Solidaire&gt; &amp; Co</a>`;
    expect(mastodonReads(json, actorUri)).toEqual({
      uri: expect.stringMatching(new RegExp(`^${actorUri}#network-notes/[0-9a-f-]{36}$`)),
      visibility: "public",
      text: `<p>Alpha &lt;Co-op&gt; est désormais membre du réseau ${link}.</p>`,
      language: "fr",
      url: page,
      createdAt: "2026-11-27T10:00:00Z",
      sensitive: false,
      spoilerText: "",
    });
    // And Fedify, as any ActivityPub server, finds a Note inside.
    const parsed = await Create.fromJsonLd(json);
    expect(await parsed.getObject()).toBeInstanceOf(Note);
  });

  it("writes in every language this instance speaks, and in English for a language it does not", async () => {
    const texts: Record<string, string> = {};
    for (const languages of [["en"], ["fr"], ["es"], ["de"], ["pt-BR"], ["it"]]) {
      const { json, actorUri } = await sent({ kind: "left" }, languages, "Alpha");
      const status = mastodonReads(json, actorUri)!;
      texts[`${languages[0]}:${status.language}`] = status.text.replace(/<a [^>]+>[^<]+<\/a>/, "NETWORK");
    }
    expect(texts).toEqual({
      "en:en": "<p>Alpha has left the network NETWORK.</p>",
      "fr:fr": "<p>Alpha a quitté le réseau NETWORK.</p>",
      "es:es": "<p>Alpha ha dejado la red NETWORK.</p>",
      "de:de": "<p>Alpha hat das Netzwerk NETWORK verlassen.</p>",
      "pt-BR:pt": "<p>Alpha saiu da rede NETWORK.</p>",
      "it:en": "<p>Alpha has left the network NETWORK.</p>",
    });
  });

  it("tells of an expulsion", async () => {
    const { json, actorUri } = await sent({ kind: "expelled" }, ["en"], "Alpha");
    expect(mastodonReads(json, actorUri)?.text).toBe(
      `<p>Alpha is no longer a member of the network <a href="${a!.origin}/networks/${NETWORK.key}">Réseau &lt;Solidaire&gt; &amp; Co</a>: its members decided to expel it.</p>`,
    );
  });

  it("shows a resolution's text rendered from markdown, without markup that could harm", async () => {
    const text =
      'We support the **strike** of 12 May.\n\n<script>alert(1)</script>\n\n[read](javascript:alert(2)) <img src=x onerror="alert(3)">';
    const { json, actorUri } = await sent({ kind: "resolution", text }, ["en"], "Alpha");
    const status = mastodonReads(json, actorUri)!;
    expect(status.visibility).toBe("public");
    expect(status.text).toBe(
      `<p>The network <a href="${a!.origin}/networks/${NETWORK.key}">Réseau &lt;Solidaire&gt; &amp; Co</a>, of which Alpha is a member, has adopted this resolution:</p>` +
        "<p>We support the <strong>strike</strong> of 12 May.</p>\n" +
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" +
        '<p>[read](javascript:alert(2)) &lt;img src=x onerror="alert(3)"&gt;</p>\n',
    );
  });
});
