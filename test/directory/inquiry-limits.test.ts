// The inquiry limits hold when many arrive at once, as they do with several queue workers, and so
// does the contact form's per-address limit with several server processes.
import { describe, expect, it } from "vitest";
import { CONTACTS_PER_ADDRESS_PER_HOUR, takeContactSlot } from "../../src/domain/directory/contact-limit.ts";
import { INQUIRY_LIMITS, listInquiries, receiveInquiry, submitInquiry } from "../../src/domain/directory/inquiries.ts";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const message = (i: number) => ({
  senderName: "Someone",
  senderEmail: "someone@example.net",
  message: `A question about hosting, number ${i}`,
});

describe("inquiry limits under concurrency", () => {
  it("stores at most the per-peer limit of inquiries received at the same moment", async () => {
    const peer = "https://busy.example/actors/busy";
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        receiveInquiry(database().db, { ...message(i), activityId: `${peer}#${i}`, peerActorUri: peer }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(INQUIRY_LIMITS.receivedPerPeerPerHour);
    expect(results.filter((r) => !r.ok && r.error.code === "rate_limited")).toHaveLength(
      25 - INQUIRY_LIMITS.receivedPerPeerPerHour,
    );
    const other = await receiveInquiry(database().db, {
      ...message(99),
      activityId: "https://calm.example/actors/calm#1",
      peerActorUri: "https://calm.example/actors/calm",
    });
    expect(other).toEqual({ ok: true, value: { stored: true } });
    expect(await listInquiries(database().db, { limit: 100 })).toHaveLength(INQUIRY_LIMITS.receivedPerPeerPerHour + 1);
  });

  it("relays at most the hourly limit of inquiries submitted at the same moment", async () => {
    const actorUri = "https://far.example/actors/far";
    await applyReplica(database().db, {
      actorUri,
      handle: "@far@far.example",
      name: "Far",
      url: "https://far.example/",
      profile: profileSchema.parse({}),
    });
    const results = await Promise.all(
      Array.from({ length: INQUIRY_LIMITS.sentPerHour + 10 }, (_, i) =>
        submitInquiry(database().db, { ...message(i), providerActorUri: actorUri }, "https://here.example/actors/here"),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(INQUIRY_LIMITS.sentPerHour);
    const queued = await database().rows<{ n: number }>(
      (await import("drizzle-orm")).sql`select count(*)::int as n from queue_messages`,
    );
    expect(queued[0]!.n).toBe(INQUIRY_LIMITS.sentPerHour);
  });

  it("lets an address send at most its hourly contact forms, even all at once", async () => {
    const taken = await Promise.all(Array.from({ length: 12 }, () => takeContactSlot(database().db, "192.0.2.7")));
    expect(taken.filter(Boolean)).toHaveLength(CONTACTS_PER_ADDRESS_PER_HOUR);
    expect(await takeContactSlot(database().db, "192.0.2.8")).toBe(true);
    // An hour later the address may write again.
    expect(await takeContactSlot(database().db, "192.0.2.7", new Date(Date.now() + 3_600_001))).toBe(true);
  });
});
