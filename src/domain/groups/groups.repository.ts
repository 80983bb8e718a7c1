// Database access for working groups: the groups, their followers and their tasks.
import { and, asc, count, eq, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { groupFollowers, groupRelays, groups, groupTasks } from "../../db/schema/index.ts";
import type { JwkPair } from "../provider/keys.ts";
import type { GroupRole, TaskState } from "./rules.ts";

export type GroupRow = typeof groups.$inferSelect;
export type GroupRecord = Omit<GroupRow, "keys">;
export type GroupFollower = typeof groupFollowers.$inferSelect;
export type GroupTask = typeof groupTasks.$inferSelect;

const recordColumns = {
  id: groups.id,
  handle: groups.handle,
  name: groups.name,
  purpose: groups.purpose,
  network: groups.network,
  version: groups.version,
  createdAt: groups.createdAt,
  updatedAt: groups.updatedAt,
};

export async function insertGroup(
  db: Db,
  group: { handle: string; name: string; purpose: string; network: string; keys: JwkPair[] },
): Promise<GroupRecord | undefined> {
  const [row] = await db.insert(groups).values(group).onConflictDoNothing().returning(recordColumns);
  return row;
}

export async function findGroup(db: Db, handle: string): Promise<GroupRecord | undefined> {
  const [row] = await db.select(recordColumns).from(groups).where(eq(groups.handle, handle));
  return row;
}

export async function listGroups(db: Db): Promise<GroupRecord[]> {
  return db.select(recordColumns).from(groups).orderBy(asc(groups.createdAt));
}

/** Every group's handle and version (a cheap read, for the local actors' caches). */
export async function listGroupVersions(db: Db): Promise<{ handle: string; version: number }[]> {
  return db.select({ handle: groups.handle, version: groups.version }).from(groups);
}

export async function findGroupKeys(db: Db, handle: string): Promise<JwkPair[]> {
  const [row] = await db.select({ keys: groups.keys }).from(groups).where(eq(groups.handle, handle));
  return row?.keys ?? [];
}

export async function addGroupFollower(
  db: Db,
  follower: Omit<typeof groupFollowers.$inferInsert, "id" | "createdAt"> & { role: GroupRole },
): Promise<void> {
  const { groupId, actorUri, role, ...rest } = follower;
  await db
    .insert(groupFollowers)
    .values(follower)
    // A follower that follows again keeps its role (a member stays one); its addresses are refreshed.
    .onConflictDoUpdate({ target: [groupFollowers.groupId, groupFollowers.actorUri], set: rest });
  void role;
}

export async function removeGroupFollower(db: Db, groupId: string, actorUri: string): Promise<boolean> {
  const removed = await db
    .delete(groupFollowers)
    .where(and(eq(groupFollowers.groupId, groupId), eq(groupFollowers.actorUri, actorUri)))
    .returning({ id: groupFollowers.id });
  return removed.length > 0;
}

export async function findGroupFollower(db: Db, groupId: string, actorUri: string): Promise<GroupFollower | undefined> {
  const [row] = await db
    .select()
    .from(groupFollowers)
    .where(and(eq(groupFollowers.groupId, groupId), eq(groupFollowers.actorUri, actorUri)));
  return row;
}

export async function listGroupFollowers(db: Db, groupId: string): Promise<GroupFollower[]> {
  return db
    .select()
    .from(groupFollowers)
    .where(eq(groupFollowers.groupId, groupId))
    .orderBy(asc(groupFollowers.createdAt));
}

export async function setGroupRole(db: Db, groupId: string, actorUri: string, role: GroupRole): Promise<boolean> {
  const updated = await db
    .update(groupFollowers)
    .set({ role })
    .where(and(eq(groupFollowers.groupId, groupId), eq(groupFollowers.actorUri, actorUri)))
    .returning({ id: groupFollowers.id });
  return updated.length > 0;
}

export async function countGroupFollowers(db: Db, groupId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(groupFollowers).where(eq(groupFollowers.groupId, groupId));
  return Number(row?.n ?? 0);
}

export async function insertTask(
  db: Db,
  task: { groupId: string; title: string; assignee: string | null; state: TaskState },
): Promise<GroupTask> {
  const [row] = await db.insert(groupTasks).values(task).returning();
  return row!;
}

export async function listTasks(db: Db, groupId: string): Promise<GroupTask[]> {
  return db.select().from(groupTasks).where(eq(groupTasks.groupId, groupId)).orderBy(asc(groupTasks.createdAt));
}

/** Sets a task's state; false when the group has no such task. */
export async function updateTaskState(db: Db, groupId: string, taskId: string, state: TaskState): Promise<boolean> {
  const updated = await db
    .update(groupTasks)
    .set({ state })
    .where(and(eq(groupTasks.groupId, groupId), eq(groupTasks.id, taskId)))
    .returning({ id: groupTasks.id });
  return updated.length > 0;
}

/** Notes that a group relays an object; false when it already did. */
export async function markRelayed(db: Db, groupId: string, objectId: string): Promise<boolean> {
  const rows = await db.insert(groupRelays).values({ groupId, objectId }).onConflictDoNothing().returning({
    objectId: groupRelays.objectId,
  });
  return rows.length > 0;
}

/** Removes every group follower whose inbox (or shared inbox) is gone for good. */
export async function removeGroupFollowersByInbox(db: Db, inbox: string): Promise<number> {
  const removed = await db
    .delete(groupFollowers)
    .where(or(eq(groupFollowers.inbox, inbox), eq(groupFollowers.sharedInbox, inbox)))
    .returning({ id: groupFollowers.id });
  return removed.length;
}
