import { afterEach, describe, expect, it } from "vitest";
import { findFollowed } from "../../src/domain/following/following.ts";
import { listInquiries, submitInquiry } from "../../src/domain/directory/inquiries.ts";
import { findReplica } from "../../src/domain/directory/replica.repository.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { updateProvider } from "../../src/domain/provider/provider.ts";
import { addPeer } from "../../src/federation/directory/peers.ts";
import { runRefreshCycle } from "../../src/federation/directory/replication.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const betaProfile = {
  summary: "Hébergement féministe de courriels et de sites pour les associations",
  languages: ["fr", "en"],
  values: { tags: ["feminist", "cooperative"], statement: "Nous hébergeons les luttes sociales." },
  services: [
    { kind: "email", price: { model: "sliding-scale" }, availability: "open", supportLanguages: ["fr", "en"] },
    { kind: "web-hosting", price: { model: "donation" }, availability: "open", supportLanguages: ["fr"] },
  ],
  place: { country: "FR", region: "Bretagne", jurisdiction: "EU" },
  capacity: { storageGb: 800, accounts: 200, statedAt: "2026-10-01" },
};

type Search = {
  total: number;
  results: {
    actorUri: string;
    name: string;
    stale: boolean;
    services: { kind: string }[];
    explanation: { matches: { filter: string; value: string }[] };
  }[];
  facets: Record<string, Record<string, number>>;
};

async function search(instance: TestInstance, query: string): Promise<Search> {
  const response = await fetch(`${instance.origin}/api/v1/directory?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Search;
}

describe("the network directory across three instances", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let c: TestInstance | undefined;
  afterEach(async () => stopAll(a, b, c));

  it("C learns B through A, searches it, follows its changes, keeps it stale when it stops, and relays inquiries", async () => {
    const env = { DIRECTORY_STALE_AFTER: "1h" };
    a = await startInstance({ handle: "alpha", name: "Alpha Co-op", env });
    b = await startInstance({ handle: "beta", name: "Beta Collectif", profile: betaProfile, env });
    c = await startInstance({ handle: "gamma", name: "Gamma Hosting", env });
    const betaUri = `${b.origin}/actors/beta`;
    const alphaUri = `${a.origin}/actors/alpha`;

    // A peers with B, C peers with A: C learns B through A's following collection.
    expect((await addPeer(a.federation, a.services, betaUri)).ok).toBe(true);
    await eventually(
      async () => (await findFollowed(a!.services.database.db, betaUri))?.state === "accepted",
      20_000,
      "A's follow of B accepted",
    );
    // C's operator adds A through the API (what `commonhost peer add --token` does).
    const token = await createToken(c.services.database.db, "test");
    if (!token.ok) throw new Error("no token");
    const added = await fetch(`${c.origin}/api/v1/peers`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token.value.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ target: alphaUri }),
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ actorUri: alphaUri, replicated: true });
    await eventually(
      async () => (await findReplica(c!.services.database.db, betaUri))?.depth === 2,
      20_000,
      "C to learn B through A",
    );

    const found = await search(c, "q=courriel&kind=email&language=fr");
    expect(found.total).toBe(1);
    expect(found.results[0]!.actorUri).toBe(betaUri);
    expect(found.results[0]!.services.map((s) => s.kind)).toEqual(["email", "web-hosting"]);
    expect(found.facets.kind).toEqual({ email: 1, "web-hosting": 1 });
    expect(found.facets.country).toEqual({ FR: 1 });
    expect(found.facets.value).toMatchObject({ feminist: 1, cooperative: 1 });
    expect(found.results[0]!.explanation.matches).toContainEqual({ filter: "language", value: "fr" });
    // Every known provider is listed, this instance's own included.
    const all = await search(c, "");
    expect(all.results.map((r) => r.name).sort()).toEqual(["Alpha Co-op", "Beta Collectif", "Gamma Hosting"]);

    // B changes its profile: A (its follower) applies the Update at once, C on its next refresh.
    const changed = await updateProvider(b.services.database.db, {
      profile: {
        ...betaProfile,
        services: [{ kind: "nextcloud", price: { model: "free" }, availability: "open", supportLanguages: ["fr"] }],
      },
    });
    expect(changed.ok).toBe(true);
    await eventually(
      async () => (await findReplica(a!.services.database.db, betaUri))?.profile.services[0]?.kind === "nextcloud",
      20_000,
      "A to apply B's Update",
    );
    await eventually(
      async () => {
        await runRefreshCycle(c!.services);
        return (await search(c!, "kind=nextcloud")).results[0]?.actorUri === betaUri;
      },
      20_000,
      "C to see B's new service",
    );
    expect((await search(c, "q=courriel&kind=email")).total).toBe(0);

    // An inquiry from C's directory reaches B's operators, and only them; abuse is refused.
    const sent = await submitInquiry(
      c.services.database.db,
      {
        providerActorUri: betaUri,
        senderName: "Collectif Vélo",
        senderEmail: "velo@example.net",
        message: "We need email for 30 people, in French.",
      },
      `${c.origin}/actors/gamma`,
    );
    expect(sent.ok).toBe(true);
    const received = await eventually(
      async () => (await listInquiries(b!.services.database.db, { limit: 10 }))[0],
      20_000,
      "B to receive the inquiry",
    );
    expect(received).toMatchObject({
      senderName: "Collectif Vélo",
      senderEmail: "velo@example.net",
      message: "We need email for 30 people, in French.",
      peerActorUri: `${c.origin}/actors/gamma`,
    });
    for (let i = 0; i < 14; i++) {
      await submitInquiry(
        c.services.database.db,
        {
          providerActorUri: betaUri,
          senderName: "Spam",
          senderEmail: "spam@example.net",
          message: `Buy now, offer number ${i}`,
        },
        `${c.origin}/actors/gamma`,
      );
    }
    await eventually(
      async () => (await listInquiries(b!.services.database.db, { limit: 100 })).length === 10,
      30_000,
      "B to store up to its per-instance limit",
    );
    await eventually(
      async () => {
        const pending = await c!.services.database.rows<{ n: number }>(
          (await import("drizzle-orm")).sql`select count(*)::int as n from queue_messages`,
        );
        return pending[0]!.n === 0;
      },
      30_000,
      "C to deliver everything",
    );
    expect((await listInquiries(b.services.database.db, { limit: 100 })).length).toBe(10);
    // The relaying instance keeps no contact details once the inquiry is handed over.
    const kept = await c.services.database.rows<{ sender_email: string }>(
      (await import("drizzle-orm")).sql`select sender_email from inquiries`,
    );
    expect(kept.every((r) => r.sender_email === "")).toBe(true);
    const listed = await fetch(`${b.origin}/api/v1/inquiries`, { headers: { Authorization: "Bearer nope" } });
    expect(listed.status).toBe(401);

    // B stops: C still answers with B's last known profile, marked stale after DIRECTORY_STALE_AFTER.
    await b.stop();
    // B was last heard from longer ago than that hour: its replica is aged rather than waited for.
    await c.services.database.rows(
      (await import("drizzle-orm")).sql`update directory_providers set last_seen_at = now() - interval '2 hours'
        where actor_uri = ${betaUri}`,
    );
    const report = await runRefreshCycle(c.services);
    expect(report.failed).toBeGreaterThanOrEqual(1);
    const stale = await search(c, "kind=nextcloud");
    expect(stale.results[0]).toMatchObject({ actorUri: betaUri, stale: true });
    expect((await search(c, "q=alpha")).results.find((r) => r.actorUri === alphaUri)?.stale).toBe(false);
  }, 180_000);
});
