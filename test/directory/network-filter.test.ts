// The directory's network filter on the API and the page, on one instance: before it is in a network
// nobody is marked and the page offers no network; once it founds one, its own provider is marked, the
// page offers the network by name in the reader's language, and a search keeps to the network's members.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { networkOperations } from "../../src/federation/networks/operations.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

let instance: TestInstance | undefined;
const FAR = "https://far.example/actors/far";

type Search = {
  total: number;
  results: { actorUri: string; member: boolean | null; explanation: { matches: unknown[] } }[];
  facets: { network: Record<string, number> };
};
const api = async (query: string) => {
  const response = await fetch(`${instance!.origin}/api/v1/directory?${query}`, {
    headers: { "Accept-Language": "en" },
  });
  return { status: response.status, body: (await response.json()) as Search & { error?: { code: string } } };
};
const page = async (query: string, language = "en") => {
  const response = await fetch(`${instance!.origin}/directory?${query}`, { headers: { "Accept-Language": language } });
  return { status: response.status, text: await response.text() };
};
const marks = (s: Search) => Object.fromEntries(s.results.map((r) => [r.actorUri, r.member]));

beforeAll(async () => {
  instance = await startInstance({ handle: "home", name: "Home Co-op", env: { NETWORK_MIN_WINDOW: "PT5S" } });
  await applyReplica(instance.services.database.db, {
    actorUri: FAR,
    handle: "@far@far.example",
    name: "Far Away Hosting",
    url: "https://far.example/",
    profile: profileSchema.parse({ summary: "Mail for unions." }),
  });
}, 60_000);
afterAll(async () => stopAll(instance));

describe("the directory's network filter", () => {
  it("marks members and keeps a search to one network's members, on the API and the page", async () => {
    const home = `${instance!.origin}/actors/home`;
    const before = await api("");
    expect(marks(before.body)).toEqual({ [home]: null, [FAR]: null });
    expect(before.body.facets.network).toEqual({});
    expect((await page("")).text).not.toContain('name="network"');

    const ops = networkOperations(instance!.services, instance!.federation, instance!.localActors);
    const founded = await ops.found({
      name: "Tenant <Hosts>",
      purpose: "Hosting for tenant unions.",
      charter: {
        questions: [],
        rules: { admission: { window: "PT5S", quorum: 0.5, threshold: 0.5, block: true } },
        pauseAfterMissed: 3,
      },
    });
    if (!founded.ok) throw new Error(JSON.stringify(founded.error));
    const { key } = founded.value;

    // The record's change reaches the directory through the queue.
    const inNetwork = await eventually(
      async () => {
        const found = await api(`network=${key}`);
        return found.body.total === 1 ? found.body : undefined;
      },
      30_000,
      "the founder to be found among the network's members",
    );
    expect(inNetwork.results.map((r) => r.actorUri)).toEqual([home]);
    expect(inNetwork.results[0]!.explanation.matches).toEqual([{ filter: "network", value: key }]);
    expect(inNetwork.facets.network).toEqual({ [key]: 1 });
    expect(marks((await api("")).body)).toEqual({ [home]: true, [FAR]: false });

    // The page: the filter offers the network by its name (escaped), in each language.
    const labels = {
      en: "Member of the network",
      fr: "Membre du réseau",
      es: "Miembro de la red",
      de: "Mitglied des Netzwerks",
      pt: "Membro da rede",
    };
    for (const [language, label] of Object.entries(labels)) {
      const shown = await page(`network=${key}`, language);
      expect(shown.status).toBe(200);
      expect(shown.text).toContain(`<label for="f-network">${label}</label>`);
      expect(shown.text).toContain(`<option value="${key}" selected>Tenant &lt;Hosts&gt; (1)</option>`);
    }
    const english = (await page(`network=${key}`)).text;
    expect(english).toContain("Matches: member of Tenant &lt;Hosts&gt;");
    expect(english).not.toContain("Far Away Hosting");

    // A filter that is not a network key is refused, on both.
    expect((await api("network=tenants")).status).toBe(400);
    expect((await api("network=tenants")).body.error?.code).toBe("invalid");
    expect((await page("network=tenants")).status).toBe(400);
  });
});
