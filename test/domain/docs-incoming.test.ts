// What the domain decides about documents from peers, without HTTP or Fedify: who may send an Article,
// an offered change or an outcome. The networks' answers are a fake Fellowship port.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { following } from "../../src/db/schema/index.ts";
import { createDocument, getDocument } from "../../src/domain/docs/docs.ts";
import { findProposal } from "../../src/domain/docs/docs.repository.ts";
import {
  type Fellowship,
  type IncomingArticle,
  receiveArticle,
  receiveOffer,
  receiveOutcome,
} from "../../src/domain/docs/incoming.ts";
import { proposeChange } from "../../src/domain/docs/changes.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const PEER = "https://peer.example/actors/peer";
const STRANGER = "https://stranger.example/actors/stranger";
const NETWORK = "https://founder.example/networks/abc";
const SELF = { actor: "https://home.example/actors/home", origin: "https://home.example" };

/** Fellow members of NETWORK: those listed. */
const fellowship = (members: string[] = []): Fellowship => ({
  fellow: async (actor) => members.includes(actor),
  memberOf: async (network, actor) => network === NETWORK && members.includes(actor),
});

const content = (body: string) => ({ title: "Backups", summary: "", body, lang: "en", tags: ["ops"] });

const article = (over: Partial<IncomingArticle> = {}): IncomingArticle => ({
  id: "https://peer.example/docs/k1",
  attributedTo: PEER,
  published: "2026-11-01T10:00:00.000Z",
  content: content("We copy every night.\n"),
  audience: { kind: "public" },
  ...over,
});

async function follow(actorUri: string, kind: string | null = "Service") {
  await database()
    .db.insert(following)
    .values({ actorUri, followId: `${actorUri}#f`, inbox: `${actorUri}/inbox`, state: "accepted", kind });
}

describe("incoming documents", () => {
  it("keeps a public Article from a followed provider, and its later revisions; drops an older one", async () => {
    const { db } = database();
    expect(await receiveArticle(db, article(), PEER, fellowship())).toMatchObject({
      ok: false,
      error: { reason: "docs.not_reader" },
    });
    await follow(PEER);
    expect(await receiveArticle(db, article(), PEER, fellowship())).toEqual({ ok: true, value: "created" });
    expect(await receiveArticle(db, article(), PEER, fellowship())).toEqual({ ok: true, value: "unchanged" });
    const later = article({ updated: "2026-11-02T10:00:00.000Z", content: content("We copy twice a night.\n") });
    expect(await receiveArticle(db, later, PEER, fellowship())).toEqual({ ok: true, value: "revised" });
    const older = article({ updated: "2026-11-01T12:00:00.000Z", content: content("Something else.\n") });
    expect(await receiveArticle(db, older, PEER, fellowship())).toEqual({ ok: true, value: "stale" });
    const held = await getDocument(db, "https://peer.example/docs/k1");
    expect(held.ok && held.value.history.map((r) => r.content.body)).toEqual([
      "We copy every night.\n",
      "We copy twice a night.\n",
    ]);
    expect(held.ok && held.value.document).toMatchObject({ local: false, author: PEER, audience: "public" });
  });

  it("takes an Article from its author only, and a network one from a current member of that network", async () => {
    const { db } = database();
    expect(await receiveArticle(db, article(), STRANGER, fellowship([STRANGER]))).toMatchObject({
      error: { reason: "docs.not_author" },
    });
    const members = article({ id: "https://peer.example/docs/k2", audience: { kind: "network", network: NETWORK } });
    expect(await receiveArticle(db, members, PEER, fellowship())).toMatchObject({
      error: { reason: "docs.not_reader" },
    });
    expect(await receiveArticle(db, members, PEER, fellowship([PEER]))).toEqual({ ok: true, value: "created" });
    // Another actor cannot take over a document it did not write.
    const hijack = article({ id: "https://peer.example/docs/k2", attributedTo: STRANGER });
    expect(await receiveArticle(db, hijack, STRANGER, fellowship([STRANGER]))).toMatchObject({
      error: { reason: "docs.not_author" },
    });
  });

  it("writes for a group and keeps a group's Article only once this provider's join of the group is accepted", async () => {
    const { db } = database();
    const GROUP = "https://host.example/actors/infra";
    const forGroup = { title: "Runbook", body: "Disks.\n", lang: "en", audience: "group", group: GROUP };
    expect(await createDocument(db, SELF, forGroup, async () => true)).toMatchObject({
      error: { code: "not_found", reason: "docs.group_unknown" },
    });
    const relayed = article({ id: "https://peer.example/docs/g1", audience: { kind: "group", group: GROUP } });
    // Being a fellow network member of the author is not enough: the group's members only read it.
    expect(await receiveArticle(db, relayed, PEER, fellowship([PEER]))).toMatchObject({
      error: { reason: "docs.not_reader" },
    });
    // An accepted follow of an actor that is not a Group (or whose kind is unknown) is no membership.
    await follow(GROUP, null);
    expect(await createDocument(db, SELF, forGroup, async () => true)).toMatchObject({
      error: { code: "not_found", reason: "docs.group_unknown" },
    });
    expect(await receiveArticle(db, relayed, PEER, fellowship())).toMatchObject({
      error: { reason: "docs.not_reader" },
    });
    await db.delete(following).where(eq(following.actorUri, GROUP));
    const PROVIDER = "https://other.example/actors/other";
    await follow(PROVIDER);
    const forProvider = { ...forGroup, group: PROVIDER };
    expect(await createDocument(db, SELF, forProvider, async () => true)).toMatchObject({
      error: { code: "not_found", reason: "docs.group_unknown" },
    });
    await follow(GROUP, "Group");
    expect(await createDocument(db, SELF, forGroup, async () => false)).toMatchObject({ ok: true });
    expect(await receiveArticle(db, relayed, PEER, fellowship())).toEqual({ ok: true, value: "created" });
    const held = await getDocument(db, relayed.id);
    expect(held.ok && held.value.document).toMatchObject({ audience: "group", group: GROUP, network: null });
  });

  it("takes an offered change from a reader of a local document, once; an outcome only from the author", async () => {
    const { db } = database();
    const written = await createDocument(
      db,
      SELF,
      { title: "Local", body: "One\nTwo\n", lang: "en", audience: "public" },
      async () => false,
    );
    if (!written.ok) throw new Error("not written");
    const offer = {
      id: "https://peer.example/docs/proposals/p1",
      proposer: PEER,
      document: written.value.id,
      base: written.value.revision,
      body: "One\nTwo\nThree\n",
      message: "A third line",
      at: "2026-11-03T10:00:00.000Z",
    };
    expect(await receiveOffer(db, offer, async () => false)).toMatchObject({ error: { reason: "docs.not_found" } });
    // The proposal's id must be on the proposer's origin.
    expect(await receiveOffer(db, { ...offer, id: "https://elsewhere.example/p/1" }, async () => true)).toMatchObject({
      error: { reason: "docs.not_proposer" },
    });
    const received = await receiveOffer(db, offer, async () => true);
    expect(received.ok).toBe(true);
    expect(await receiveOffer(db, offer, async () => true)).toEqual(received);
    expect(await findProposal(db, offer.id)).toMatchObject({ state: "open", proposer: PEER });

    // An outcome for a proposal this instance made: only the replica's author decides it.
    await follow("https://peer2.example/actors/peer2");
    const replica = article({
      id: "https://peer2.example/docs/k9",
      attributedTo: "https://peer2.example/actors/peer2",
    });
    await receiveArticle(db, replica, "https://peer2.example/actors/peer2", fellowship());
    const proposed = await proposeChange(db, SELF, { doc: replica.id, body: "Changed.\n", message: "Why not" });
    if (!proposed.ok) throw new Error("not proposed");
    const outcome = { proposal: proposed.value.id, accepted: true, at: "2026-11-04T10:00:00.000Z" };
    expect(await receiveOutcome(db, { ...outcome, by: STRANGER })).toMatchObject({
      error: { reason: "docs.not_maintainer" },
    });
    expect(await receiveOutcome(db, { ...outcome, by: "https://peer2.example/actors/peer2" })).toEqual({
      ok: true,
      value: true,
    });
    expect(await findProposal(db, proposed.value.key)).toMatchObject({ state: "accepted" });
  });
});
