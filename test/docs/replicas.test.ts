// Repairing replicas, the decisions without HTTP: which documents an author lists to a reader, and
// which of an author's listed heads a reader fetches.
import { describe, expect, it } from "vitest";
import { following } from "../../src/db/schema/index.ts";
import { createDocument } from "../../src/domain/docs/docs.ts";
import { receiveArticle } from "../../src/domain/docs/incoming.ts";
import { headsToFetch, readableHeads } from "../../src/domain/docs/replicas.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const SELF = { actor: "https://home.example/actors/home", origin: "https://home.example" };
const PEER = "https://peer.example/actors/peer";
const NETWORK = "https://home.example/networks/abc";
const anyone = { fellow: async () => true, memberOf: async () => true };
const content = (body: string) => ({ title: "Backups", summary: "", body, lang: "en", tags: [] });

describe("repairing replicas", () => {
  it("lists to a reader only what it may read, and fetches only what it lacks or holds behind", async () => {
    const { db } = database();
    const open = await createDocument(
      db,
      SELF,
      { title: "Open", body: "x", lang: "en", audience: "public" },
      async () => true,
    );
    const members = await createDocument(
      db,
      SELF,
      { title: "Members", body: "y", lang: "en", audience: "network", network: NETWORK },
      async () => true,
    );
    if (!open.ok || !members.ok) throw new Error("not written");
    const outsider = await readableHeads(db, async (doc) => doc.audience === "public");
    expect(outsider).toEqual([{ id: open.value.id, revision: open.value.revision }]);
    expect((await readableHeads(db, async () => true)).map((h) => h.id).sort()).toEqual(
      [open.value.id, members.value.id].sort(),
    );

    await db
      .insert(following)
      .values({ actorUri: PEER, followId: `${PEER}#f`, inbox: `${PEER}/inbox`, state: "accepted" });
    const id = "https://peer.example/docs/k1";
    const first = {
      id,
      attributedTo: PEER,
      published: "2026-11-01T10:00:00.000Z",
      content: content("one"),
      audience: { kind: "public" },
    } as const;
    await receiveArticle(db, first, PEER, anyone);
    // A replica is the author's to list, never this instance's.
    expect(await readableHeads(db, async () => true)).toHaveLength(2);
    const heads = (revision: string) => [
      { id, revision },
      { id: "https://peer.example/docs/k2", revision: "sha256:00" },
      // Not on the author's origin, or this instance's own: never asked for.
      { id: "https://elsewhere.example/docs/k3", revision: "sha256:00" },
      { id: open.value.id, revision: "sha256:00" },
    ];
    const [replica] = await db.query.documents.findMany({ where: (d, { eq }) => eq(d.id, id) });
    expect(await headsToFetch(db, PEER, heads(replica!.head))).toEqual(["https://peer.example/docs/k2"]);
    expect(await headsToFetch(db, PEER, heads("sha256:ff"))).toEqual([id, "https://peer.example/docs/k2"]);
  });
});
