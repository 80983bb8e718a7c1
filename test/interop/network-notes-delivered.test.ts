// A Mastodon account following a provider reads, as public posts, that the provider founded (joined) a
// network, that a resolution passed in it, and that it left: Mastodon would drop the Join, the Leave
// and the network's own object types, so each is told as a Create(Note) delivered to the follower.
import "temporal-polyfill/global";
import { Accept } from "@fedify/vocab";
import { afterEach, describe, expect, it } from "vitest";
import type { NetworkOperations } from "../../src/domain/networks/operations.ts";
import { networkOperations } from "../../src/federation/networks/operations.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { mastodonReads, type MastodonStatus } from "../helpers/mastodon-reading.ts";
import { startMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

const ENV = { NETWORK_MIN_WINDOW: "PT5S", NETWORK_SETTLE: "PT1S", NETWORK_SYNC_INTERVAL: "PT1S" };
const rule = { window: "PT5S", quorum: 0.5, threshold: 0.5, block: true };
const ops = (i: TestInstance): NetworkOperations => networkOperations(i.services, i.federation, i.localActors);

describe("network notes delivered to a Mastodon follower", () => {
  let ours: TestInstance | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await stopAll(ours);
  });

  it("tells of founding, of a passed resolution and of leaving, in the provider's language", {
    timeout: 180_000,
  }, async () => {
    ours = await startInstance({
      handle: "alpha",
      name: "Alpha Hébergement",
      profile: { summary: "Hébergement", languages: ["fr"] },
      env: ENV,
    });
    const host = new URL(ours.origin).host;
    remote = await startMastodonLike({
      "https://hosting.example": ours.origin,
      "@provider@hosting.example": `@alpha@${host}`,
      "/actors/provider": "/actors/alpha",
    });
    expect((await remote.post("mastodon-follow.json", `${ours.origin}/actors/alpha/inbox`)).status).toBe(202);
    await eventually(() => remote!.received.some((a) => a instanceof Accept), 30_000, "the Accept");

    const actor = `${ours.origin}/actors/alpha`;
    const statuses = () =>
      remote!.posted.map((body) => mastodonReads(body, actor)).filter((s): s is MastodonStatus => s !== undefined);
    const statusSaying = (text: string) =>
      eventually(() => statuses().find((s) => s.text.includes(text)), 60_000, text);

    const founded = await ops(ours).found({
      name: "Hébergeurs solidaires",
      purpose: "Héberger les luttes.",
      charter: { questions: [], rules: { admission: rule, resolution: rule }, pauseAfterMissed: 3 },
    });
    if (!founded.ok) throw new Error(JSON.stringify(founded.error));
    const { key } = founded.value;
    const page = `${ours.origin}/networks/${key}`;
    const link = `<a href="${page}">Hébergeurs solidaires</a>`;

    expect(await statusSaying("est désormais membre")).toMatchObject({
      visibility: "public",
      text: `<p>Alpha Hébergement est désormais membre du réseau ${link}.</p>`,
      language: "fr",
      url: page,
      sensitive: false,
      spoilerText: "",
    });

    const motion = await ops(ours).openMotion(key, {
      kind: "resolution",
      text: "Nous soutenons la **grève** du 12 mai.",
    });
    if (!motion.ok) throw new Error(JSON.stringify(motion.error));
    expect((await ops(ours).vote(key, motion.value.key, { choice: "yes" })).ok).toBe(true);
    expect(await statusSaying("a adopté cette résolution")).toMatchObject({
      visibility: "public",
      text: `<p>Le réseau ${link}, dont Alpha Hébergement est membre, a adopté cette résolution\u00a0:</p><p>Nous soutenons la <strong>grève</strong> du 12 mai.</p>\n`,
      language: "fr",
    });

    expect((await ops(ours).leave(key)).ok).toBe(true);
    expect((await statusSaying("a quitté")).text).toBe(`<p>Alpha Hébergement a quitté le réseau ${link}.</p>`);
    // One note each: nothing was told twice.
    expect(statuses()).toHaveLength(3);
  });
});
