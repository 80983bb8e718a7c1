// Search relevance in English, French and Spanish, facets, pagination, and hostile input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

type Search = {
  total: number;
  results: { name: string; actorUri: string; explanation: { matches: { filter: string; value: string }[] } }[];
  facets: Record<string, Record<string, number>>;
};

let instance: TestInstance | undefined;

const provider = async (slug: string, name: string, profile: unknown) =>
  applyReplica(instance!.services.database.db, {
    actorUri: `https://${slug}.example/actors/${slug}`,
    handle: `@${slug}@${slug}.example`,
    name,
    url: `https://${slug}.example/`,
    profile: profileSchema.parse(profile),
  });

const svc = (kind: string, extra: Record<string, unknown> = {}) => ({
  kind,
  price: { model: "donation" },
  availability: "open",
  ...extra,
});

async function get(query: string): Promise<{ status: number; body: Search }> {
  const response = await fetch(`${instance!.origin}/api/v1/directory?${query}`);
  return { status: response.status, body: (await response.json()) as Search };
}
const names = async (query: string) => {
  const { status, body } = await get(query);
  expect(status).toBe(200);
  return body.results.map((r) => r.name);
};

beforeAll(async () => {
  instance = await startInstance({
    handle: "home",
    name: "Home Instance",
    profile: { summary: "The instance itself", services: [svc("dns")] },
  });
  await provider("riverside", "Riverside Tech Co-op", {
    summary: "Email and mailing lists for unions and tenants' associations",
    languages: ["en"],
    values: { tags: ["cooperative", "worker-owned"], statement: "We are owned by the workers who run the servers." },
    services: [
      svc("email", { supportLanguages: ["en"], price: { model: "sliding-scale" } }),
      svc("mailing-lists", { supportLanguages: ["en"] }),
    ],
    place: { country: "GB", jurisdiction: "UK" },
  });
  await provider("greenweb", "Green Web Collective", {
    summary: "Websites hosted on renewable energy",
    languages: ["en", "de"],
    values: { tags: ["renewable-energy", "collective"], statement: "Hosting websites for climate groups." },
    services: [
      svc("web-hosting", { supportLanguages: ["en", "de"] }),
      svc("nextcloud", { supportLanguages: ["de"], software: "Nextcloud" }),
    ],
    place: { country: "DE", jurisdiction: "EU" },
    capacity: { storageGb: 2000, accounts: 500, statedAt: "2026-09-01" },
  });
  await provider("lutte", "Collectif La Lutte", {
    summary: "Hébergement de courriels et de listes pour les associations militantes",
    languages: ["fr"],
    values: {
      tags: ["feminist", "anti-fascist"],
      statement: "Nous hébergeons les collectifs féministes et antifascistes.",
    },
    services: [
      svc("email", { supportLanguages: ["fr"], price: { model: "sliding-scale" } }),
      svc("pads", { supportLanguages: ["fr"] }),
    ],
    place: { country: "FR", region: "Occitanie", jurisdiction: "EU" },
  });
  await provider("sur", "Cooperativa Sur", {
    summary: "Alojamiento de correo electrónico y páginas web para colectivos y sindicatos",
    languages: ["es"],
    values: {
      tags: ["cooperative", "anti-capitalist"],
      statement: "Una cooperativa tecnológica al servicio de los movimientos sociales.",
    },
    services: [
      svc("email", { supportLanguages: ["es"] }),
      svc("web-hosting", { supportLanguages: ["es"], price: { model: "membership-fee" } }),
    ],
    place: { country: "ES", region: "Andalucía", jurisdiction: "EU" },
  });
  for (let i = 0; i < 23; i++)
    await provider(`bulk${i}`, `Bulk Host ${String(i).padStart(2, "0")}`, {
      summary: "Generic video calls",
      services: [svc("video-calls")],
    });
}, 120_000);

afterAll(async () => stopAll(instance));

describe("relevance", () => {
  it("English: stems, weighs names first, tolerates typos", async () => {
    // La Lutte matches too, ranked after: it hosts "listes" (French stem "list") and email, which the
    // German and Portuguese labels call "E-Mail" ("mail"); Riverside names its mailing lists outright.
    expect(await names("q=mailing+list")).toEqual(["Riverside Tech Co-op", "Collectif La Lutte"]);
    expect((await names("q=websites"))[0]).toBe("Green Web Collective");
    expect(await names("q=nextclod")).toEqual(["Green Web Collective"]);
    expect(await names("q=riversde")).toEqual(["Riverside Tech Co-op"]);
    expect((await names("q=unions"))[0]).toBe("Riverside Tech Co-op");
  });

  it("French: stems, ignores accents, finds taxonomy labels", async () => {
    // Riverside also hosts email for associations (English stem "associ"), but La Lutte says it in French.
    expect((await names("q=associatives+courriel"))[0]).toBe("Collectif La Lutte");
    expect(await names("q=militant")).toEqual(["Collectif La Lutte"]);
    expect(await names("q=hebergement+feministe")).toEqual(["Collectif La Lutte"]);
    // "courriel" is the French label of the email service: every email host matches.
    expect((await names("q=courriel")).sort()).toEqual([
      "Collectif La Lutte",
      "Cooperativa Sur",
      "Riverside Tech Co-op",
    ]);
  });

  it("Spanish: stems and ignores accents", async () => {
    expect(await names("q=colectivo+correos")).toEqual(["Cooperativa Sur"]);
    expect(await names("q=pagina+sindicato")).toEqual(["Cooperativa Sur"]);
    expect(await names("q=tecnologica")).toEqual(["Cooperativa Sur"]);
  });
});

describe("filters, facets, pagination", () => {
  it("combines service filters on one service and explains the match", async () => {
    const { body } = await get("kind=email&language=fr&price=sliding-scale");
    expect(body.results.map((r) => r.name)).toEqual(["Collectif La Lutte"]);
    expect(body.results[0]!.explanation.matches).toEqual([
      { filter: "kind", value: "email" },
      { filter: "language", value: "fr" },
      { filter: "price", value: "sliding-scale" },
    ]);
    // Sliding scale is offered by Sur for nothing: its email is by donation.
    expect(await names("kind=email&price=membership-fee")).toEqual([]);
  });

  it("counts facets over the matching set", async () => {
    const { body } = await get("jurisdiction=EU");
    expect(body.total).toBe(3);
    expect(body.facets.country).toEqual({ DE: 1, FR: 1, ES: 1 });
    expect(body.facets.kind).toMatchObject({ email: 2, "web-hosting": 2, nextcloud: 1, pads: 1 });
    expect(body.facets.value).toMatchObject({ cooperative: 1, feminist: 1 });
    expect(await names("value=cooperative&country=es,gb")).toEqual(["Cooperativa Sur", "Riverside Tech Co-op"]);
    expect(await names("minStorageGb=1000&minAccounts=100")).toEqual(["Green Web Collective"]);
    expect(await names("region=occitan")).toEqual(["Collectif La Lutte"]);
  });

  it("lists the local provider and pages stably", async () => {
    expect(await names("kind=dns")).toEqual(["Home Instance"]);
    const pages = await Promise.all([1, 2, 3].map((page) => names(`kind=video-calls&pageSize=10&page=${page}`)));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(new Set(pages.flat()).size).toBe(23);
    expect(await names("kind=video-calls&pageSize=10&page=2")).toEqual(pages[1]);
  });
});

describe("hostile input", () => {
  const bad = [
    `q=${"a".repeat(5000)}`,
    `q=${"x".repeat(201)}`,
    `q=${Array.from({ length: 13 }, (_, i) => `w${i}`).join("+")}`,
    "kind=not-a-service",
    "pageSize=1000",
    "page=0",
    "page=abc",
    "minStorageGb=-1",
    "country=France",
    "unknown=1",
    Array.from({ length: 70 }, (_, i) => `kind=email&x${i}=1`).join("&"),
  ];
  it.each(bad)("answers 400 to %#", async (query) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect((body as unknown as { error: { code: string } }).error.code).toBe("invalid");
  });

  it("treats query syntax as plain words", async () => {
    for (const q of ["!!!(&|:*", "' or 1=1 --", "<script>", "a & | ! b", "%_\\"]) {
      expect((await get(`q=${encodeURIComponent(q)}&region=${encodeURIComponent("%_")}`)).status).toBe(200);
    }
  });

  it("renders an invalid search page with a 400 and a message", async () => {
    const response = await fetch(`${instance!.origin}/directory?kind=bogus`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("kind");
  });
});
