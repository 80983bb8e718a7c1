// Working groups as operators run them: founding a group in a network, its members, its tasks.
import type { Db } from "../../db/client.ts";
import { findProvider } from "../provider/provider.repository.ts";
import { generateJwkPair } from "../provider/keys.ts";
import { fail, fieldError, ok, type Result } from "../validation.ts";
import {
  findGroup,
  type GroupFollower,
  type GroupRecord,
  type GroupTask,
  insertGroup,
  insertTask,
  listGroupFollowers,
  listGroups,
  listTasks,
  setGroupRole,
  updateTaskState,
} from "./groups.repository.ts";
import { GROUP_HANDLE, TASK_STATES, type TaskState } from "./rules.ts";

export type GroupView = GroupRecord & { readonly followers: readonly GroupFollower[] };

/** Founds a group hosted here, in a network (its id) this instance is in; keys are made once, now. */
export async function createGroup(
  db: Db,
  input: { handle: string; name: string; purpose: string; network: string },
): Promise<Result<GroupRecord>> {
  const handle = input.handle.toLowerCase();
  if (!GROUP_HANDLE.test(handle))
    return fail("invalid", "group.badHandle", { fields: { handle: fieldError("handle_format") } });
  const provider = await findProvider(db);
  if (!provider) return fail("not_found", "provider.notSetUp");
  // One actor per identifier on the instance: a group never takes the provider's handle.
  if (provider.handle === handle || (await findGroup(db, handle)))
    return fail("conflict", "group.taken", { vars: { handle }, fields: { handle: fieldError("taken") } });
  const keys = [await generateJwkPair("RSASSA-PKCS1-v1_5"), await generateJwkPair("Ed25519")];
  const row = await insertGroup(db, { ...input, handle, keys });
  if (!row) return fail("conflict", "group.taken", { vars: { handle }, fields: { handle: fieldError("taken") } });
  return ok(row);
}

/** The groups hosted here, each with its followers (members and applicants). */
export async function listGroupViews(db: Db): Promise<GroupView[]> {
  const rows = await listGroups(db);
  return Promise.all(rows.map(async (g) => ({ ...g, followers: await listGroupFollowers(db, g.id) })));
}

export async function groupView(db: Db, handle: string): Promise<GroupView | undefined> {
  const group = await findGroup(db, handle);
  return group ? { ...group, followers: await listGroupFollowers(db, group.id) } : undefined;
}

/**
 * The members of a group hosted here (their actor URIs), or undefined for no such group: who may read
 * the group's documents and members-only notes. Applicants, who follow the public output only, are not.
 */
export async function groupMembers(db: Db, handle: string): Promise<string[] | undefined> {
  const group = await findGroup(db, handle);
  if (!group) return undefined;
  return (await listGroupFollowers(db, group.id)).filter((f) => f.role === "member").map((f) => f.actorUri);
}

/** A maintainer makes an applicant a member: its posts to the group are relayed from now on. */
export async function approveMember(db: Db, handle: string, actorUri: string): Promise<Result<true>> {
  const group = await findGroup(db, handle);
  if (!group) return fail("not_found", "group.notFound", { vars: { handle } });
  if (!(await setGroupRole(db, group.id, actorUri, "member"))) return fail("not_found", "group.notFollower");
  return ok(true);
}

export async function addGroupTask(
  db: Db,
  handle: string,
  task: { title: string; assignee: string | null; state: TaskState },
): Promise<Result<GroupTask>> {
  const group = await findGroup(db, handle);
  if (!group) return fail("not_found", "group.notFound", { vars: { handle } });
  return ok(await insertTask(db, { groupId: group.id, ...task }));
}

export async function groupTasks(db: Db, handle: string): Promise<Result<GroupTask[]>> {
  const group = await findGroup(db, handle);
  if (!group) return fail("not_found", "group.notFound", { vars: { handle } });
  return ok(await listTasks(db, group.id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Moves a group's task to another state (open, doing, done). */
export async function setGroupTaskState(db: Db, handle: string, taskId: string, state: string): Promise<Result<true>> {
  if (!(TASK_STATES as readonly string[]).includes(state))
    return fail("invalid", "group.taskState", { fields: { state: fieldError("choice") } });
  const group = await findGroup(db, handle);
  if (!group) return fail("not_found", "group.notFound", { vars: { handle } });
  if (!UUID.test(taskId) || !(await updateTaskState(db, group.id, taskId, state as TaskState)))
    return fail("not_found", "group.taskNotFound");
  return ok(true);
}
