// What the domain decides for a working group, without HTTP or Fedify: who joins as a member, what is
// relayed, tasks and handles. The network membership and the address check are fake ports.
import { beforeAll, describe, expect, it } from "vitest";
import { queueMessages } from "../../src/db/schema/index.ts";
import type { AddressCheck } from "../../src/domain/actors/addresses.ts";
import { findLocalActor, listLocalActors } from "../../src/domain/actors/local-actors.ts";
import {
  addGroupTask,
  approveMember,
  createGroup,
  groupTasks,
  groupView,
  setGroupTaskState,
} from "../../src/domain/groups/groups.ts";
import { receiveGroupFollow, receiveGroupPost, receiveGroupUnfollow } from "../../src/domain/groups/incoming.ts";
import { AS_PUBLIC } from "../../src/domain/groups/rules.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const NETWORK = "https://home.example/networks/0a1b2c3d4e5f60718293";
const GROUP = "https://home.example/actors/infra";
const MEMBER = "https://member.example/actors/coop";
const OUTSIDER = "https://mastodon.example/users/alice";

const addresses: AddressCheck = { allowPrivateAddress: false, isPublic: async () => true };
const ports = {
  addresses,
  isNetworkMember: async (network: string, actor: string) => network === NETWORK && actor === MEMBER,
};
const follow = (actorUri: string, identifier = "infra") => ({
  identifier,
  followId: `${actorUri}#follows/1`,
  follower: { actorUri, inbox: `${actorUri}/inbox`, sharedInbox: null, handle: null, name: null },
});
const relays = async () =>
  (await database().db.select({ payload: queueMessages.payload }).from(queueMessages))
    .map((r) => r.payload as Record<string, unknown>)
    .filter((p) => p.commonhost === "group.relayed");

beforeAll(async () => {
  expect((await setupProvider(database().db, { handle: "home", name: "Home" })).ok).toBe(true);
  const created = await createGroup(database().db, {
    handle: "infra",
    name: "Shared infrastructure",
    purpose: "Run a shared backup service.",
    network: NETWORK,
  });
  expect(created.ok).toBe(true);
});

describe("working groups in the domain", () => {
  it("is a local actor of its own, and never takes the provider's handle or a taken one", async () => {
    expect(await listLocalActors(database().db)).toEqual([
      { kind: "provider", identifier: "home" },
      { kind: "group", identifier: "infra" },
    ]);
    expect((await findLocalActor(database().db, "infra"))?.kind).toBe("group");
    const again = { name: "x", purpose: "y", network: NETWORK };
    expect(await createGroup(database().db, { ...again, handle: "home" })).toMatchObject({ ok: false });
    expect(await createGroup(database().db, { ...again, handle: "infra" })).toMatchObject({ ok: false });
    expect(await createGroup(database().db, { ...again, handle: "Not A Handle" })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
  });

  it("makes a network member a member and anyone else an applicant; both are accepted", async () => {
    expect(await receiveGroupFollow(database().db, follow(MEMBER), ports)).toBe("member");
    expect(await receiveGroupFollow(database().db, follow(OUTSIDER), ports)).toBe("applicant");
    expect(await receiveGroupFollow(database().db, follow(MEMBER, "home"), ports)).toBe("unknown-group");
    const view = await groupView(database().db, "infra");
    expect(view?.followers.map((f) => [f.actorUri, f.role])).toEqual([
      [MEMBER, "member"],
      [OUTSIDER, "applicant"],
    ]);
  });

  it("relays a member's post addressed to the group, a members-only one to members only, and nothing else", async () => {
    const post = (author: string, objectId: string, addressees: string[]) =>
      receiveGroupPost(database().db, { identifier: "infra", groupUri: GROUP, author, objectId, addressees });
    expect(await post(MEMBER, "https://member.example/notes/1", [AS_PUBLIC, GROUP])).toBe("relayed");
    expect(await post(MEMBER, "https://member.example/notes/1", [AS_PUBLIC, GROUP])).toBe("ignored");
    expect(await post(OUTSIDER, "https://mastodon.example/notes/2", [AS_PUBLIC, GROUP])).toBe("ignored");
    expect(await post(MEMBER, "https://member.example/notes/3", [GROUP])).toBe("relayed");
    expect(await post(OUTSIDER, "https://mastodon.example/notes/5", [GROUP])).toBe("ignored");
    expect(await post(MEMBER, "https://member.example/notes/6", [AS_PUBLIC])).toBe("ignored");
    expect((await relays()).map((r) => [r.objectId, r.membersOnly])).toEqual([
      ["https://member.example/notes/1", false],
      ["https://member.example/notes/3", true],
    ]);

    // A maintainer makes the applicant a member: its posts are relayed from then on.
    expect((await approveMember(database().db, "infra", OUTSIDER)).ok).toBe(true);
    expect(await post(OUTSIDER, "https://mastodon.example/notes/4", [AS_PUBLIC, GROUP])).toBe("relayed");
  });

  it("keeps tasks per group, and a member leaves with Undo", async () => {
    expect(
      (await addGroupTask(database().db, "infra", { title: "Order disks", assignee: null, state: "open" })).ok,
    ).toBe(true);
    const tasks = await groupTasks(database().db, "infra");
    expect(tasks.ok && tasks.value.map((t) => t.title)).toEqual(["Order disks"]);
    expect(await groupTasks(database().db, "nothing")).toMatchObject({ ok: false, error: { code: "not_found" } });

    // A task moves along its states; another state, another group's task or no task is refused.
    const id = tasks.ok ? tasks.value[0]!.id : "";
    expect(await setGroupTaskState(database().db, "infra", id, "doing")).toEqual({ ok: true, value: true });
    const moved = await groupTasks(database().db, "infra");
    expect(moved.ok && moved.value[0]!.state).toBe("doing");
    expect(await setGroupTaskState(database().db, "infra", id, "finished")).toMatchObject({
      ok: false,
      error: { code: "invalid", fields: { state: { code: "choice" } } },
    });
    expect(await setGroupTaskState(database().db, "nothing", id, "done")).toMatchObject({
      ok: false,
      error: { code: "not_found", reason: "group.notFound" },
    });
    for (const other of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
      expect(await setGroupTaskState(database().db, "infra", other, "done")).toMatchObject({
        ok: false,
        error: { code: "not_found", reason: "group.taskNotFound" },
      });

    expect(await receiveGroupUnfollow(database().db, "infra", MEMBER)).toBe(true);
    expect((await groupView(database().db, "infra"))?.followers.map((f) => f.actorUri)).toEqual([OUTSIDER]);
  });
});
