import "temporal-polyfill/global";
import { preloadedContexts } from "@fedify/vocab-runtime";
import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnouncement, deleteAnnouncement } from "../../src/domain/announcements/announcements.ts";
import type { ProfileInput } from "../../src/domain/profile/profile.schema.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { NAMESPACE, commonhostContext } from "../../src/federation/vocab/context.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

// Every field of the profile filled in, so every term of the vocabulary is exercised.
const profile: ProfileInput = {
  summary: "Hosting for movements since 2012.",
  website: "https://alpha.example.org",
  languages: ["en", "fr"],
  values: {
    tags: ["cooperative", "no-tracking", "renewable-energy"],
    statement: "We **never** sell data. #Solidarity",
  },
  services: [
    {
      kind: "email",
      name: "Mail",
      software: "Postfix",
      url: "https://mail.alpha.example.org",
      description: "IMAP and webmail",
      price: { model: "fixed", amount: 3, currency: "EUR", period: "month", note: "per mailbox" },
      availability: "open",
      supportLanguages: ["en", "fr"],
    },
    { kind: "nextcloud", price: { model: "sliding-scale" }, availability: "waitlist" },
  ],
  capacity: { storageGb: 500, computeVcpu: 8, bandwidthMbps: 1000, accounts: 120, statedAt: "2026-11-01" },
  norms: {
    codeOfConduct: "Be kind.",
    codeOfConductUrl: "https://alpha.example.org/coc",
    moderationPolicy: "Reports answered within a day.",
    dataPolicy: {
      backupFrequency: "daily",
      backupRetentionDays: 30,
      encryptionAtRest: "full",
      policyUrl: "https://alpha.example.org/data",
    },
    shutdownNoticeDays: 90,
    emergencyAccess: { people: 2, description: "Two members hold sealed credentials." },
    governance: "cooperative",
    funding: ["members", "donations"],
  },
  place: {
    country: "FR",
    region: "Occitanie",
    jurisdiction: "EU",
    upstream: { datacenter: "DC1", asn: 64512, provider: "Upstream SCIC" },
  },
  evidence: [{ claim: "renewable-energy", url: "https://alpha.example.org/energy", reconfirmBy: "2027-06-01" }],
};

const documentLoader = async (url: string) => {
  const document = (preloadedContexts as Record<string, unknown>)[url];
  if (!document) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

/** Every IRI the vocabulary maps the profile's keys to, following nested scoped contexts. */
function expectedIris(value: unknown, context: Record<string, unknown>, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) expectedIris(item, context, into);
    return into;
  }
  if (!value || typeof value !== "object") return into;
  for (const [key, child] of Object.entries(value)) {
    const term = context[key];
    if (term === undefined) throw new Error(`the profile key ${key} has no term in the vocabulary`);
    const id = typeof term === "string" ? term : (term as { "@id": string })["@id"];
    into.add(id.replace(/^ch:/, NAMESPACE));
    const scoped =
      typeof term === "object" ? (term as { "@context"?: Record<string, unknown> })["@context"] : undefined;
    if (scoped) expectedIris(child, scoped, into);
  }
  return into;
}

function iriKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) iriKeys(item, into);
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      iriKeys(child, into);
    }
  }
  return into;
}

describe("our actor document", () => {
  let a: TestInstance | undefined;
  let actor: Record<string, unknown>;
  beforeAll(async () => {
    a = await startInstance({ handle: "alpha", name: "Alpha Co-op", profile });
    const response = await fetch(`${a.origin}/actors/alpha`, { headers: { Accept: "application/activity+json" } });
    expect(response.headers.get("content-type")).toContain("application/activity+json");
    actor = (await response.json()) as Record<string, unknown>;
  });
  afterAll(async () => stopAll(a));

  it("expands in JSON-LD safe mode without losing any profile property", async () => {
    const [expanded] = await jsonld.expand(actor, { safe: true, documentLoader });
    const keys = iriKeys(expanded);
    const wanted = expectedIris(
      { commonhost: actor.commonhost },
      commonhostContext as unknown as Record<string, unknown>,
    );
    expect(wanted.size).toBeGreaterThan(40);
    const missing = [...wanted].filter((iri) => !keys.has(iri));
    expect(missing).toEqual([]);
    // And the values came through: the services list keeps its order and length.
    const ch = (name: string) => `${NAMESPACE}${name}`;
    const root = (expanded![ch("profile")] as Record<string, unknown>[])[0]!;
    const services = (root[ch("services")] as { "@list": unknown[] }[])[0]!["@list"];
    expect(services).toHaveLength(2);
    expect(JSON.stringify(root)).toContain("Upstream SCIC");
    // ActivityStreams' "@vocab": "_:" turns a term nobody defined into a blank-node property
    // instead of dropping it (so safe mode does not throw): no property may end up there.
    expect([...keys].filter((k) => k.startsWith("_:"))).toEqual([]);
    const withUnknown = { ...actor, commonhost: { ...(actor.commonhost as object), notAProfileTerm: 1 } };
    const [unknown] = await jsonld.expand(withUnknown, { safe: true, documentLoader });
    expect([...iriKeys(unknown)].filter((k) => k.startsWith("_:"))).toEqual(["_:notAProfileTerm"]);
  });

  it("has what Mastodon shows: fields, hashtags, an RSA key and an Ed25519 Multikey", () => {
    const attachment = actor.attachment as { type: string; name: string; value: string }[];
    expect(attachment.length).toBeGreaterThanOrEqual(3);
    expect(attachment.every((f) => f.type === "PropertyValue" && f.name && f.value)).toBe(true);
    const tags = actor.tag as { type: string; name: string; href: string }[];
    expect(tags.map((t) => t.type)).toEqual(tags.map(() => "Hashtag"));
    expect(tags.map((t) => t.name)).toContain("#cooperative");
    // A #tag of the values statement is a hashtag too, linked in the summary as Mastodon links its own.
    expect(tags).toContainEqual({ type: "Hashtag", name: "#solidarity", href: tagUrl(a!.origin, "solidarity").href });
    expect(actor.summary).toContain(
      `<a href="${tagUrl(a!.origin, "solidarity").href}" class="mention hashtag" rel="tag">#<span>Solidarity</span></a>`,
    );
    const key = actor.publicKey as { id: string; owner: string; publicKeyPem: string };
    expect(key.owner).toBe(actor.id);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
    const methods = ([] as { type: string; controller: string; publicKeyMultibase: string }[]).concat(
      actor.assertionMethod as never,
    );
    const ed25519 = methods.find((m) => m.type === "Multikey" && m.publicKeyMultibase.startsWith("z6Mk"));
    expect(ed25519?.controller).toBe(actor.id);
    expect(actor).toMatchObject({
      type: "Organization",
      preferredUsername: "alpha",
      name: "Alpha Co-op",
      endpoints: { sharedInbox: `${a!.origin}/inbox` },
    });
    expect(actor.featured).toBe(`${a!.origin}/actors/alpha/featured`);
  });

  it("links the collection of the networks the provider is a member of, in our vocabulary", async () => {
    expect(actor.networks).toBe(`${a!.origin}/networks`);
    const [expanded] = await jsonld.expand(actor, { safe: true, documentLoader });
    expect(expanded![`${NAMESPACE}networks`]).toEqual([{ "@id": `${a!.origin}/networks` }]);
  });

  it("answers WebFinger for acct:alpha@host with a self link", async () => {
    const host = new URL(a!.origin).host;
    const response = await fetch(
      `${a!.origin}/.well-known/webfinger?resource=${encodeURIComponent(`acct:alpha@${host}`)}`,
    );
    expect(response.status).toBe(200);
    const jrd = (await response.json()) as { subject: string; links: { rel: string; type?: string; href: string }[] };
    expect(jrd.subject).toBe(`acct:alpha@${host}`);
    expect(jrd.links).toContainEqual(
      expect.objectContaining({ rel: "self", type: "application/activity+json", href: `${a!.origin}/actors/alpha` }),
    );
    expect((await fetch(`${a!.origin}/.well-known/webfinger?resource=acct:nobody@${host}`)).status).toBe(404);
  });

  it("publishes NodeInfo 2.1 as commonhost", async () => {
    const links = (await (await fetch(`${a!.origin}/.well-known/nodeinfo`)).json()) as {
      links: { rel: string; href: string }[];
    };
    const link = links.links.find((l) => l.rel === "http://nodeinfo.diaspora.software/ns/schema/2.1");
    expect(link).toBeDefined();
    const info = (await (await fetch(link!.href)).json()) as {
      version: string;
      software: { name: string };
      protocols: string[];
    };
    expect(info.version).toBe("2.1");
    expect(info.software.name).toBe("commonhost");
    expect(info.protocols).toContain("activitypub");
  });

  it("serves the HTML profile at the same URL to a browser, and /@alpha redirects there", async () => {
    const page = await fetch(`${a!.origin}/actors/alpha`, {
      headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Alpha Co-op");
    const redirect = await fetch(`${a!.origin}/@alpha`, { redirect: "manual" });
    expect([301, 302, 308]).toContain(redirect.status);
    expect(new URL(redirect.headers.get("location")!, a!.origin).href).toBe(`${a!.origin}/actors/alpha`);
  });

  it("answers 410 Gone for a deleted announcement", async () => {
    const created = await createAnnouncement(
      a!.services.database.db,
      { content: "Soon gone" },
      (t) => tagUrl(a!.origin, t).href,
    );
    if (!created.ok) throw new Error("announcement");
    const url = `${a!.origin}/announcements/${created.value.id}`;
    expect((await fetch(url, { headers: { Accept: "application/activity+json" } })).status).toBe(200);
    await deleteAnnouncement(a!.services.database.db, created.value.id);
    const gone = await fetch(url, { headers: { Accept: "application/activity+json" } });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { type: string }).type).toBe("Tombstone");
    expect((await fetch(url, { headers: { Accept: "text/html" } })).status).toBe(410);
  });
});
