// The directory marks the members of the networks this instance is in, and a search can keep to one
// network's members: the marks and the index follow the records whenever a member's row is written.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Memberships } from "../../src/domain/directory/membership.ts";
import { markMembers, repairMemberMarks } from "../../src/domain/directory/membership.ts";
import { applyReplica, findReplica, markSeen } from "../../src/domain/directory/replica.repository.ts";
import { parseDirectoryQuery, SearchIndexStore } from "../../src/domain/directory/search/index.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const NORTH = "0a1b2c3d4e5f60718293";
const SOUTH = "ffeeddccbbaa99887766";
const uri = (slug: string) => `https://${slug}.example/actors/${slug}`;
const add = (slug: string) =>
  applyReplica(database().db, {
    actorUri: uri(slug),
    handle: `@${slug}@${slug}.example`,
    name: `${slug} co-op`,
    url: null,
    profile: profileSchema.parse({
      summary: "Email for unions",
      services: [{ kind: "email", price: { model: "donation" }, availability: "open" }],
    }),
  });

/** The records as a port gives them: changed by the test between searches. */
function records(initial: Record<string, string[]>) {
  let memberships: Memberships = new Map(Object.entries(initial));
  return {
    port: { networks: async () => [], memberships: async () => memberships },
    set(next: Record<string, string[]>) {
      memberships = new Map(Object.entries(next));
    },
    get current() {
      return memberships;
    },
  };
}

async function search(store: SearchIndexStore, q: string) {
  const parsed = parseDirectoryQuery(q);
  if (!parsed.ok) throw new Error(q);
  await store.sync();
  const answer = store.index.search(parsed.value, undefined, 0, 50);
  return { slugs: answer.page.map((p) => p.actorUri.split("/").pop()!).sort(), facets: answer.facets };
}

const markOf = async (slug: string) => (await findReplica(database().db, uri(slug)))?.member;

describe("network members in the directory", () => {
  it("filters on one network's members, counts each network's, and follows changes of membership", async () => {
    const held = records({ [uri("one")]: [NORTH], [uri("two")]: [NORTH, SOUTH] });
    const store = new SearchIndexStore(database(), held.port);
    for (const slug of ["one", "two", "three"]) await add(slug);
    // Only a provider marked as a member has networks in the index: the marks are written first.
    await markMembers(database().db, held.current, [uri("one"), uri("two"), uri("three")]);
    expect([await markOf("one"), await markOf("two"), await markOf("three")]).toEqual([true, true, false]);

    expect((await search(store, `network=${NORTH}`)).slugs).toEqual(["one", "two"]);
    expect((await search(store, `network=${SOUTH}`)).slugs).toEqual(["two"]);
    // A key in capitals is the same key; one of a network nobody here is in finds nobody.
    expect((await search(store, `network=${SOUTH.toUpperCase()}`)).slugs).toEqual(["two"]);
    expect((await search(store, "network=00000000000000000000")).slugs).toEqual([]);
    const all = await search(store, "");
    expect(all.slugs).toEqual(["one", "three", "two"]);
    expect(all.facets.network).toEqual({ [NORTH]: 2, [SOUTH]: 1 });

    // Three joins the south; one, already a member of the north, joins it too (its mark stays true):
    // writing their marks is what makes the index read their networks again.
    held.set({ [uri("one")]: [NORTH, SOUTH], [uri("two")]: [NORTH, SOUTH], [uri("three")]: [SOUTH] });
    expect((await search(store, `network=${SOUTH}`)).slugs).toEqual(["two"]);
    await markMembers(database().db, held.current, [uri("one"), uri("three")]);
    expect((await search(store, `network=${SOUTH}`)).slugs).toEqual(["one", "three", "two"]);
    expect(await markOf("three")).toBe(true);

    // Two leaves both: it stays in the directory, unmarked, found by no network filter.
    held.set({ [uri("one")]: [NORTH, SOUTH], [uri("three")]: [SOUTH] });
    await markMembers(database().db, held.current, [uri("two")]);
    expect((await search(store, `network=${NORTH}`)).slugs).toEqual(["one"]);
    expect((await search(store, "")).slugs).toEqual(["one", "three", "two"]);
    expect(await markOf("two")).toBe(false);
  });

  it("marks nobody while this instance is in no network, and repairs only the marks that are wrong", async () => {
    // The file's database is shared: this test counts rows, so it starts from none.
    await database().rows(sql`delete from directory_providers`);
    for (const slug of ["four", "five"]) await add(slug);
    await markMembers(database().db, new Map(), [uri("four"), uri("five")]);
    expect([await markOf("four"), await markOf("five")]).toEqual([null, null]);

    const memberships: Memberships = new Map([[uri("five"), [NORTH]]]);
    expect(await repairMemberMarks(database().db, memberships)).toBe(2);
    expect([await markOf("four"), await markOf("five")]).toEqual([false, true]);
    expect(await repairMemberMarks(database().db, memberships)).toBe(0);
  });

  it("reads the networks' member lists only when a provider marked as a member changed", async () => {
    let reads = 0;
    const memberships: Memberships = new Map([[uri("six"), [NORTH]]]);
    const store = new SearchIndexStore(database(), {
      networks: async () => [],
      memberships: async () => {
        reads++;
        return memberships;
      },
    });
    await add("six");
    await add("seven");
    await markMembers(database().db, memberships, [uri("six"), uri("seven")]);
    expect((await search(store, `network=${NORTH}`)).slugs).toEqual(["six"]);
    const afterLoad = reads;
    // A peer's Update of a provider that is no member: nothing more is read.
    await markSeen(database().db, uri("seven"));
    await add("seven");
    expect((await search(store, "")).slugs).toContain("seven");
    expect(reads).toBe(afterLoad);
    await markSeen(database().db, uri("six"));
    expect((await search(store, `network=${NORTH}`)).slugs).toEqual(["six"]);
    expect(reads).toBe(afterLoad + 1);
  });

  it("refuses a network filter that is not a key", () => {
    for (const bad of ["network=north", "network=0a1b2c", `network=${NORTH}&network=${SOUTH}`]) {
      const parsed = parseDirectoryQuery(bad);
      expect(parsed.ok, bad).toBe(false);
    }
  });
});
