// The directory follows network membership, across three real instances on 127.0.0.1: A founds a
// network, B and C are admitted; every member replicates every other member's profile, marks them, and
// answers a search over the network's members while one of them is down; a member back from downtime
// catches up; a member that leaves keeps its replica elsewhere but loses its mark.
import { afterEach, describe, expect, it } from "vitest";
import { findReplica } from "../../src/domain/directory/replica.repository.ts";
import { findFollowed } from "../../src/domain/following/following.ts";
import type { NetworkOperations } from "../../src/domain/networks/operations.ts";
import { updateProvider } from "../../src/domain/provider/provider.ts";
import { joinNetwork } from "../../src/federation/networks/join.ts";
import { networkOperations } from "../../src/federation/networks/operations.ts";
import { networksRuntime } from "../../src/federation/networks/runtime.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const QUESTION = "Which movements do you host?";
const ENV = {
  NETWORK_MIN_WINDOW: "PT5S",
  NETWORK_SETTLE: "PT1S",
  NETWORK_SYNC_INTERVAL: "PT1S",
  DELIVERY_RETRY_INITIAL_MS: "250",
  DIRECTORY_STALE_AFTER: "1h",
};
const rule = { window: "PT6S", quorum: 0.5, threshold: 0.5, block: true };
const DECIDED_MS = 90_000;
const DELIVERED_MS = 45_000;

const betaProfile = {
  summary: "Courriel et listes de diffusion pour les syndicats",
  languages: ["fr"],
  services: [{ kind: "email", price: { model: "sliding-scale" }, availability: "open", supportLanguages: ["fr"] }],
  place: { country: "FR" },
};
const alphaProfile = (summary: string) => ({
  summary,
  languages: ["en"],
  services: [{ kind: "nextcloud", price: { model: "donation" }, availability: "open" }],
});

const ops = (i: TestInstance): NetworkOperations => networkOperations(i.services, i.federation, i.localActors);

type Search = {
  total: number;
  results: { actorUri: string; member: boolean | null; stale: boolean }[];
  facets: { network: Record<string, number> };
};
async function search(i: TestInstance, query: string): Promise<Search> {
  const response = await fetch(`${i.origin}/api/v1/directory?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Search;
}

describe("the directory follows network membership", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let c: TestInstance | undefined;
  afterEach(async () => stopAll(a, b, c));

  it("every member replicates and marks every member, answers while one is down, and one back catches up", {
    timeout: 600_000,
  }, async () => {
    // A retries a failed delivery only after an hour: what B misses while down, B must catch up on itself.
    a = await startInstance({
      handle: "alpha",
      name: "Alpha Hosting",
      profile: alphaProfile("Pads"),
      env: { ...ENV, DELIVERY_RETRY_INITIAL_MS: "3600000" },
    });
    b = await startInstance({ handle: "beta", name: "Beta Collectif", profile: betaProfile, env: ENV });
    c = await startInstance({ handle: "gamma", name: "Gamma Hosting", env: ENV });
    const [alpha, beta, gamma] = [`${a.origin}/actors/alpha`, `${b.origin}/actors/beta`, `${c.origin}/actors/gamma`];

    const founded = await ops(a).found({
      name: "Tech Co-ops",
      purpose: "Hosting for movements.",
      charter: { questions: [QUESTION], rules: { admission: rule }, pauseAfterMissed: 3 },
    });
    if (!founded.ok) throw new Error(JSON.stringify(founded.error));
    const { key } = founded.value;
    /** The applicant applies through A; every voter votes yes; the applicant is then a member on every voter. */
    const admit = async (applicant: TestInstance, actor: string, voters: TestInstance[]) => {
      const joined = await joinNetwork(
        networksRuntime(applicant.services, applicant.federation, applicant.localActors),
        { via: alpha, answers: { [QUESTION]: "Tenant unions" } },
      );
      expect(joined.ok).toBe(true);
      for (const voter of voters) {
        const motion = await eventually(
          async () => {
            const m = await ops(voter).motions(key);
            return m.ok ? m.value.find((x) => x.kind === "admission" && x.subject === actor) : undefined;
          },
          DELIVERED_MS,
          `${voter.origin} to hold the admission of ${actor}`,
        );
        const voted = await ops(voter).vote(key, motion.key, { choice: "yes" });
        if (!voted.ok) throw new Error(JSON.stringify(voted.error));
      }
      for (const i of [applicant, ...voters])
        await eventually(
          async () => (await ops(i).get(key))?.members.some((m) => m.actor === actor && m.state === "member"),
          DECIDED_MS,
          `${i.origin} to count ${actor} as a member`,
        );
    };
    await admit(b, beta, [a]);
    await admit(c, gamma, [a, b]);

    // Every member follows and replicates every other member, and marks all three.
    const members = [alpha, beta, gamma];
    for (const [i, own] of [
      [a, alpha],
      [b, beta],
      [c, gamma],
    ] as const) {
      for (const other of members.filter((m) => m !== own))
        await eventually(
          async () =>
            (await findFollowed(i.services.database.db, other))?.state === "accepted" &&
            (await findReplica(i.services.database.db, other))?.member === true,
          DELIVERED_MS,
          `${i.origin} to follow, replicate and mark ${other}`,
        );
      const inNetwork = await eventually(
        async () => {
          const found = await search(i, `network=${key}`);
          return found.total === 3 ? found : undefined;
        },
        DELIVERED_MS,
        `${i.origin} to find the three members`,
      );
      expect(inNetwork.results.map((r) => [r.actorUri, r.member]).sort()).toEqual(members.map((m) => [m, true]).sort());
      expect(inNetwork.facets.network).toEqual({ [key]: 3 });
    }
    // The page offers the network by name and keeps to its members when asked.
    const page = await (await fetch(`${c.origin}/directory?network=${key}`)).text();
    expect(page).toContain(`<option value="${key}" selected>Tech Co-ops (3)</option>`);

    // B stops. C still answers a search over the network's members, B included, from its replica;
    // meanwhile A changes its profile, which B, down, cannot receive.
    b = await b.restart(async () => {
      const found = await search(c!, `network=${key}&q=syndicats&kind=email`);
      expect(found.results.map((r) => [r.actorUri, r.member, r.stale])).toEqual([[beta, true, false]]);
      expect((await updateProvider(a!.services.database.db, { profile: alphaProfile("Pads and wikis") })).ok).toBe(
        true,
      );
      await eventually(
        async () => (await findReplica(c!.services.database.db, alpha))?.profile.summary === "Pads and wikis",
        DELIVERED_MS,
        "C to apply A's change",
      );
    });
    // Back, B catches up on what it missed (its refresh cycle runs as it starts), then receives what A
    // changes next.
    await eventually(
      async () => (await findReplica(b!.services.database.db, alpha))?.profile.summary === "Pads and wikis",
      DELIVERED_MS,
      "B to catch up on A's change",
    );
    expect((await updateProvider(a.services.database.db, { profile: alphaProfile("Pads, wikis and mail") })).ok).toBe(
      true,
    );
    await eventually(
      async () => (await findReplica(b!.services.database.db, alpha))?.profile.summary === "Pads, wikis and mail",
      DELIVERED_MS,
      "B to receive A's next change",
    );

    // C leaves: A and B keep its replica and stop marking it; C, in no network now, marks nobody.
    expect((await ops(c).leave(key)).ok).toBe(true);
    for (const i of [a, b])
      await eventually(
        async () => (await findReplica(i.services.database.db, gamma))?.member === false,
        DELIVERED_MS,
        `${i.origin} to unmark C`,
      );
    expect((await search(a, `network=${key}`)).results.map((r) => r.actorUri).sort()).toEqual([alpha, beta].sort());
    expect((await search(a, "q=gamma")).results.map((r) => r.actorUri)).toEqual([gamma]);
    await eventually(
      async () => (await findReplica(c!.services.database.db, alpha))?.member === null,
      DELIVERED_MS,
      "C to drop its marks",
    );
  });
});
