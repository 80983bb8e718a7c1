import "temporal-polyfill/global";
import { Accept } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOLLOWS_PER_ACTOR_PER_HOUR } from "../../src/federation/trust/follow-quota.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { startMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

// One remote key sends many Follows at once: each accepted Follow costs the instance a stored
// follower and a signed Accept delivered back, so the sender gets only so many.
describe("follow amplification", { timeout: 120_000 }, () => {
  let ours: TestInstance | undefined;
  let remote: RemoteServer | undefined;

  beforeAll(async () => {
    ours = await startInstance({ handle: "provider" });
    remote = await startMastodonLike({
      "https://hosting.example": ours.origin,
      "@provider@hosting.example": `@provider@${new URL(ours.origin).host}`,
    });
  });
  afterAll(async () => {
    await remote?.close();
    await stopAll(ours);
  });

  it("answers Follows beyond the hourly limit with 429 and sends no Accept for them", async () => {
    const sent = 3 * FOLLOWS_PER_ACTOR_PER_HOUR;
    const inbox = `${ours!.origin}/actors/provider/inbox`;
    const responses = await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        remote!.post("mastodon-follow.json", inbox, {}, (doc) => {
          doc.id = `${remote!.origin}/follows/${i}`;
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(sent - 10);
    const refused = responses.find((r) => r.status === 429)!;
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(remote!.actorUri);
    await eventually(() => remote!.received.filter((a) => a instanceof Accept).length >= 10, 30_000, "the Accepts");
    await eventually(async () => (await ours!.services.queue.getDepth()).queued === 0, 30_000, "an idle queue");
    expect(remote!.received.filter((a) => a instanceof Accept)).toHaveLength(10);
  });
});
