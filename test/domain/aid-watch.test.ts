// What the domain keeps of the health watch, without HTTP or Fedify: this instance's batch of a round is
// stored once with one delivery per other member; a fellow member's batch only from its reporter, a current
// member, made within the kept period; one batch per reporter and round (a repeat changes nothing, a
// different one silences the round); batches older than 31 days are pruned; each member's status follows.
import { beforeEach, describe, expect, it } from "vitest";
import { queueMessages, watchReports } from "../../src/db/schema/index.ts";
import { type ReportBatch, watchRule } from "../../src/domain/aid/watch/verdict.ts";
import { batchesSince } from "../../src/domain/aid/watch/watch.repository.ts";
import { pruneReports, receiveBatch, recordRound, watchOf } from "../../src/domain/aid/watch/watch.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const [SELF, B, C, D] = ["home", "b", "c", "d"].map((x) => `https://${x}.example/actors/${x}`) as [
  string,
  string,
  string,
  string,
];
const STRANGER = "https://stranger.example/actors/stranger";
const network = { id: "https://home.example/networks/abc", members: [SELF, B, C, D] };
const NOW = new Date("2027-01-10T00:10:00.000Z");
const MIN = 60_000;
const rule = watchRule({ interval: "PT5M" });

const batch = (reporter: string, minutesAgo: number, status: string): ReportBatch => ({
  reporter,
  round: NOW.getTime() - (minutesAgo + 5) * MIN,
  at: NOW.getTime() - minutesAgo * MIN,
  checks: [SELF, B, C, D].filter((m) => m !== reporter).map((subject) => ({ subject, service: "health" })),
  status,
});

describe("the health watch's storage", () => {
  beforeEach(async () => {
    await database().db.delete(watchReports);
  });

  it("stores this instance's round once, with one delivery to each other member", async () => {
    const db = database().db;
    const before = (await db.select().from(queueMessages)).length;
    expect(await recordRound(db, network, batch(SELF, 1, "111"), NOW)).toBe(true);
    expect(await recordRound(db, network, batch(SELF, 1, "111"), NOW)).toBe(false);
    expect((await db.select().from(queueMessages)).length - before).toBe(3);
    expect(await batchesSince(db, network.id, new Date(0))).toEqual([batch(SELF, 1, "111")]);
  });

  it("keeps a fellow member's batch from its reporter only, while both are members, made in the kept period", async () => {
    const db = database().db;
    const refused = async (sender: string, b: ReportBatch, held: typeof network | null = network) => {
      const result = await receiveBatch(db, sender, held, b, NOW);
      return result.ok ? "kept" : result.error.reason;
    };
    expect(await refused(C, batch(B, 1, "000"))).toBe("aid.not_reporter");
    expect(await refused(STRANGER, batch(STRANGER, 1, "000"))).toBe("aid.not_member");
    expect(await refused(B, batch(B, 1, "000"), null)).toBe("aid.not_member");
    expect(await refused(B, batch(B, 32 * 24 * 60, "000"))).toBe("aid.report_out_of_time");
    expect(await refused(B, batch(B, -2 * 24 * 60, "000"))).toBe("aid.report_out_of_time");
    expect(await db.select().from(watchReports)).toEqual([]);
    expect(await refused(B, batch(B, 1, "111"))).toBe("kept");
  });

  it("keeps one batch per reporter and round: a repeat changes nothing, a different one silences the round", async () => {
    const db = database().db;
    const kept = async (b: ReportBatch) => {
      const result = await receiveBatch(db, b.reporter, network, b, NOW);
      return result.ok && result.value.stored;
    };
    expect(await kept(batch(B, 1, "111"))).toBe(true);
    expect(await kept(batch(B, 1, "111"))).toBe(false);
    expect(await batchesSince(db, network.id, new Date(0))).toHaveLength(1);
    expect(await kept(batch(B, 1, "101"))).toBe(false);
    expect(await batchesSince(db, network.id, new Date(0))).toEqual([]);
  });

  it("folds each member's status from the batches, and prunes those older than 31 days", async () => {
    const db = database().db;
    // C and D say B fails (minutes 3 and 2 ago); SELF says it is fine; nobody speaks of D but B, long ago.
    await recordRound(db, network, batch(SELF, 2, "111"), NOW);
    for (const b of [batch(C, 3, "101"), batch(D, 2, "101"), batch(B, 40 * 24 * 60, "110")])
      await db.insert(watchReports).values({
        network: network.id,
        reporter: b.reporter,
        round: new Date(b.round),
        at: new Date(b.at),
        checks: JSON.stringify(b.checks),
        status: b.status,
        receivedAt: NOW,
      });
    const status = Object.fromEntries((await watchOf(db, network, rule, NOW)).map((m) => [m.actor, m.status]));
    expect(status).toEqual({ [SELF]: "up", [B]: "down", [C]: "up", [D]: "up" });
    const b = (await watchOf(db, network, rule, NOW)).find((m) => m.actor === B);
    expect(b?.services[0]?.reports.map((r) => [r.reporter, r.ok])).toEqual([
      [C, false],
      [D, false],
      [SELF, true],
    ]);
    expect(b?.verdictAt).toBe(NOW.getTime() - 2 * MIN);
    expect(await pruneReports(db, NOW)).toBe(1);
    expect((await db.select().from(watchReports)).map((r) => r.reporter).sort()).toEqual([C, D, SELF].sort());
  });
});
