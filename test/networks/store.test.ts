// The network store: objects kept with their receipt time, replicas loaded again incrementally, the
// same record folded from the database as from memory.
import { describe, expect, it } from "vitest";
import type { NetworkDocument } from "../../src/db/schema/json.ts";
import { findNetwork, insertNetwork, updateNetwork } from "../../src/domain/networks/networks.repository.ts";
import type { NetworkObject } from "../../src/domain/networks/objects.ts";
import { idOf, wellFormed } from "../../src/domain/networks/objects.ts";
import { NetworkStore, storeObject } from "../../src/domain/networks/store.ts";
import { useFreshDatabase } from "../helpers/database.ts";
import { A, B, ballot, closing, genesis, HOUR, motion, NET, T0 } from "./builders.ts";

// The documents here are the engine objects themselves: the store does not care how they are written.
const read = (d: NetworkDocument) => (wellFormed(d) ? (d as NetworkObject) : undefined);
const doc = (o: NetworkObject) => o as unknown as NetworkDocument;

describe("network store", () => {
  const database = useFreshDatabase();

  it("keeps objects with their receipt time and loads only what is new", async () => {
    const { db } = database();
    const g = genesis();
    expect(await insertNetwork(db, { id: NET, key: "n1", name: "Hosts", status: "member", founding: doc(g) })).toBe(
      true,
    );
    expect(await insertNetwork(db, { id: NET, key: "n1", name: "Other", status: "applicant" })).toBe(false);
    const store = new NetworkStore(database(), read);
    const m = motion(A, "admission", T0 + 1000, { subject: B });
    const yes = ballot(m, A, "yes", T0 + 2000);
    expect(await db.transaction((tx) => storeObject(tx, NET, m, doc(m), T0 + 1500))).toBe(true);
    const first = await store.replica("n1");
    expect(first?.replica.motions().map((x) => x.id)).toEqual([idOf(m)]);
    expect(first?.replica.received(idOf(m))).toBe(T0 + 1500);

    // Stored after the first load: the next load adds it, a duplicate changes nothing.
    expect(await db.transaction((tx) => storeObject(tx, NET, yes, doc(yes), T0 + 2500))).toBe(true);
    expect(await db.transaction((tx) => storeObject(tx, NET, yes, doc(yes), T0 + 9999))).toBe(false);
    const again = await store.replica(NET);
    expect(again?.replica).toBe(first?.replica);
    expect(again?.replica.ballotsOf(idOf(m)).map((x) => x.id)).toEqual([idOf(yes)]);
    expect(again?.replica.received(idOf(yes))).toBe(T0 + 2500);

    const c = closing(m, B, [yes], T0 + HOUR + 1000);
    await db.transaction((tx) => storeObject(tx, NET, c, doc(c), T0 + HOUR + 1200));
    const held = await store.replica(NET);
    expect([...(held?.closed.get(B) ?? [])]).toEqual([idOf(m)]);
    const record = held!.replica.record(T0 + 2 * HOUR, 60_000);
    expect(record.members.get(B)?.status).toBe("member");

    // A cold load from the database folds the same record.
    store.forget(NET);
    const cold = await new NetworkStore(database(), read).replica(NET);
    expect(cold?.replica).not.toBe(held?.replica);
    expect(cold?.replica.record(T0 + 2 * HOUR, 60_000).head).toBe(record.head);
    expect(cold?.replica.summary()).toEqual(held?.replica.summary());
  });

  it("has no replica before the founding is held", async () => {
    const { db } = database();
    const id = "https://c.example/networks/n2";
    await insertNetwork(db, { id, key: "n2", name: "Later", status: "applicant", via: A, answers: { q: "a" } });
    const store = new NetworkStore(database(), read);
    expect(await store.replica(id)).toBeUndefined();
    const g = { ...genesis(), network: id };
    await updateNetwork(db, id, { founding: doc(g) });
    expect((await store.replica("n2"))?.replica.genesis.object).toEqual(g);
    expect((await findNetwork(db, "n2"))?.answers).toEqual({ q: "a" });
  });
});
