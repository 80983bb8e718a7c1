import { Create, Note } from "@fedify/vocab";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  FOLLOWERS_PAGE,
  sendFollowersPage,
  sendToFollowers,
  type FollowersPageMessage,
} from "../../src/federation/outbox/fanout.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

type Payload = {
  commonhost?: string;
  after?: string;
  type?: string;
  inboxes?: Record<string, unknown>;
  inbox?: string;
};

describe("fan-out to followers a page at a time", () => {
  let a: TestInstance | undefined;
  afterEach(async () => stopAll(a));

  it("queues one message for all followers, then each page queues the next and its deliveries", async () => {
    a = await startInstance({ handle: "alpha", queue: false });
    const { database } = a.services;
    // Seven followers on seven servers that do not exist: nothing is delivered, only queued.
    await database.rows(sql`
      insert into followers (actor_uri, inbox, shared_inbox)
      select 'https://s' || i || '.example/users/u', 'https://s' || i || '.example/users/u/inbox', 'https://s' || i || '.example/inbox'
      from generate_series(1, 7) as i`);
    const ctx = a.federation.createContext(new URL(a.origin), a.services);
    const actor = ctx.getActorUri("alpha");
    const note = new Note({ id: new URL(`${a.origin}/announcements/x`), attribution: actor, content: "hello" });
    await sendToFollowers(
      ctx,
      "alpha",
      new Create({ id: new URL(`${a.origin}/announcements/x#create`), actor, object: note }),
    );

    const queued = async () =>
      (await database.rows<{ payload: Payload }>(sql`select payload from queue_messages order by id`)).map(
        (r) => r.payload,
      );
    const [first, ...rest] = await queued();
    expect(rest).toHaveLength(0);
    expect(first?.commonhost).toBe(FOLLOWERS_PAGE);
    await database.rows(sql`delete from queue_messages`);

    await sendFollowersPage(ctx, first as FollowersPageMessage, 5);
    const afterFirst = await queued();
    const next = afterFirst.find((p) => p.commonhost === FOLLOWERS_PAGE);
    expect(next?.after).toBe("https://s5.example/users/u");
    const delivered = afterFirst.filter((p) => p.commonhost === undefined);
    expect(JSON.stringify(delivered)).toContain("https://s1.example/inbox");
    expect(JSON.stringify(delivered)).not.toContain("https://s6.example/inbox");
    await database.rows(sql`delete from queue_messages`);

    await sendFollowersPage(ctx, next as FollowersPageMessage, 5);
    const afterSecond = await queued();
    expect(afterSecond.some((p) => p.commonhost === FOLLOWERS_PAGE)).toBe(false);
    expect(JSON.stringify(afterSecond)).toContain("https://s7.example/inbox");
    expect(JSON.stringify(afterSecond)).not.toContain("https://s1.example/inbox");
  });
});
