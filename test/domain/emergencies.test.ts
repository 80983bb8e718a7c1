// What the domain decides about emergencies, without HTTP or Fedify: who may be spoken for, what a
// declaration records, and which copies from other members are kept. Membership is a fake port.
import { beforeAll, describe, expect, it } from "vitest";
import { announcements, queueMessages } from "../../src/db/schema/index.ts";
import {
  declareEmergency,
  type EmergencyPorts,
  listEmergencies,
  resolveEmergency,
} from "../../src/domain/emergencies/emergencies.ts";
import { receiveEmergency } from "../../src/domain/emergencies/incoming.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const db = () => database().db;

const SELF = "https://home.example/actors/home";
const FELLOW = "https://fellow.example/actors/fellow";
const DOWN = "https://down.example/actors/down";
const STRANGER = "https://stranger.example/actors/stranger";
const members = [SELF, FELLOW, DOWN];
const now = new Date("2026-11-28T09:00:00Z");

const ports: EmergencyPorts = {
  ownUri: SELF,
  now,
  tagUrl: (tag) => `https://home.example/tags/${tag}`,
  audience: async (subject) => (members.includes(subject) ? members : null),
  // This network's charter lets any current member speak for another.
  onBehalfRules: async () => ["members"],
  noteText: ({ summary, onBehalf }) => ({
    warning: `CW ${onBehalf ? "on behalf" : "own"}: ${summary}`,
    content: "x",
    language: null,
  }),
};

const fellows = async (sender: string, subject: string) => members.includes(sender) && members.includes(subject);

const copy = (over: Record<string, unknown> = {}) => ({
  id: `${FELLOW}#emergencies/1`,
  kind: "outage",
  summary: "Down.",
  needs: "A **spare** server.",
  declaredBy: FELLOW,
  subject: DOWN,
  onBehalf: true,
  state: "open",
  openedAt: now.toISOString(),
  ...over,
});

describe("emergencies in the domain", () => {
  beforeAll(async () => {
    expect((await setupProvider(db(), { handle: "home", name: "Home" })).ok).toBe(true);
  });

  it("refuses to speak for a non-member, storing nothing and sending nothing", async () => {
    const before = (await db().select().from(queueMessages)).length;
    const result = await declareEmergency(
      db(),
      { kind: "outage", summary: "x", needs: "y", onBehalfOf: STRANGER },
      ports,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      code: "forbidden",
      fields: { onBehalfOf: { code: "notFellow" } },
    });
    expect(await listEmergencies(db())).toEqual([]);
    expect((await db().select().from(queueMessages)).length).toBe(before);
  });

  it("speaks for a fellow member: a pinned note with its warning, one delivery per other member, then resolved", async () => {
    const declared = await declareEmergency(
      db(),
      { kind: "seizure", summary: "Seized.", needs: "Mail <script>x</script>", onBehalfOf: DOWN },
      ports,
    );
    if (!declared.ok) throw new Error(JSON.stringify(declared.error));
    const e = declared.value;
    expect(e).toMatchObject({ subject: DOWN, declaredBy: SELF, onBehalf: true, local: true, state: "open" });
    expect(e.recipients).toEqual([DOWN, FELLOW].sort());
    expect(e.needsHtml).not.toContain("<script>");
    const [note] = await db().select().from(announcements);
    expect(note).toMatchObject({ id: e.announcementId, summary: "CW on behalf: Seized." });
    expect(note!.pinnedAt).not.toBeNull();

    const resolved = await resolveEmergency(db(), e.key, now);
    expect(resolved.ok && resolved.value.state).toBe("resolved");
    const [gone] = await db().select().from(announcements);
    expect(gone!.deletedAt).not.toBeNull();
    expect(gone!.pinnedAt).toBeNull();
    expect((await resolveEmergency(db(), e.key, now)).ok).toBe(false);
  });

  it("keeps a fellow member's copy, refuses a stranger's, and never reopens a resolved one", async () => {
    expect(
      (await receiveEmergency(db(), STRANGER, copy({ declaredBy: STRANGER, id: `${STRANGER}#e/1` }), fellows, now)).ok,
    ).toBe(false);
    expect((await receiveEmergency(db(), FELLOW, copy({ subject: STRANGER }), fellows, now)).ok).toBe(false);
    expect((await receiveEmergency(db(), DOWN, copy(), fellows, now)).ok).toBe(false);
    const received = await receiveEmergency(db(), FELLOW, copy(), fellows, now);
    expect(received.ok && received.value.stored).toBe("new");
    const resolvedAt = "2026-11-28T10:00:00.000Z";
    await receiveEmergency(db(), FELLOW, copy({ state: "resolved", resolvedAt }), fellows, now);
    await receiveEmergency(db(), FELLOW, copy(), fellows, now);
    const held = (await listEmergencies(db())).find((x) => x.id === `${FELLOW}#emergencies/1`);
    expect(held).toMatchObject({ state: "resolved", onBehalf: true, subject: DOWN, local: false });
    expect(held!.resolvedAt!.toISOString()).toBe(resolvedAt);
    expect(held!.needsHtml).toContain("<strong>spare</strong>");
    expect((await listEmergencies(db())).filter((x) => !x.local)).toHaveLength(1);
  });
});
