// The shapes of /api/v1/groups: founding a working group, joining one, its tasks.
import { z } from "zod";
import { TASK_STATES } from "../../domain/groups/rules.ts";
import { requestSchemas, responseSchemas } from "./schemas.ts";

export const groupCreateSchema = z.object({
  network: z.string().trim().min(1).max(2048).describe("The network's `key` or id: its current members join at once."),
  handle: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .describe("The group's handle: `@handle@host`; lower case, digits, `_`, `-`."),
  name: z.string().trim().min(1).max(100),
  purpose: z.string().trim().min(1).max(2000),
});
requestSchemas.add(groupCreateSchema, { id: "GroupCreate" });

export const groupJoinSchema = z.object({
  group: z.string().trim().min(1).max(2048).describe("The group: `@handle@host` or its actor URL."),
});
requestSchemas.add(groupJoinSchema, { id: "GroupJoin" });

export const groupParams = z.object({
  key: z.string().min(1).max(30).describe("The group's handle, as `GET /api/v1/groups` lists it."),
});

export const memberApproveSchema = z.object({
  actor: z.string().trim().url().max(2048).describe("The applicant's actor URI, as the group's `members` list it."),
});
requestSchemas.add(memberApproveSchema, { id: "GroupMemberApprove" });

export const taskCreateSchema = z.object({
  title: z.string().trim().min(1).max(300),
  assignee: z.string().trim().max(2048).nullable().optional().describe("Who does it: `@handle@host` or free text."),
  state: z.enum(TASK_STATES).optional().describe("`open` (the default), `doing` or `done`."),
});
requestSchemas.add(taskCreateSchema, { id: "TaskCreate" });

export const taskParams = groupParams.extend({ id: z.string().min(1).max(64).describe("The task's `id`.") });
export const taskUpdateSchema = z.object({ state: z.enum(TASK_STATES).describe("`open`, `doing` or `done`.") });
requestSchemas.add(taskUpdateSchema, { id: "TaskUpdate" });

const followerSchema = z.object({
  actor: z.string(),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(["member", "applicant"]),
});

export const groupSchema = z.object({
  key: z.string().describe("The handle, used in URLs."),
  actor: z.string().describe("The Group actor's URI."),
  handle: z.string().describe("`@handle@host`."),
  name: z.string(),
  purpose: z.string(),
  network: z.string().describe("The network's id."),
  members: z.array(followerSchema).describe("Followers: `member`s have their posts relayed; `applicant`s follow only."),
  createdAt: z.iso.datetime(),
});
responseSchemas.add(groupSchema, { id: "Group" });
export const groupListSchema = z.object({ items: z.array(groupSchema) });
responseSchemas.add(groupListSchema, { id: "GroupList" });

export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  assignee: z.string().nullable(),
  state: z.enum(TASK_STATES),
  createdAt: z.iso.datetime(),
});
responseSchemas.add(taskSchema, { id: "Task" });
export const taskListSchema = z.object({ items: z.array(taskSchema) });
responseSchemas.add(taskListSchema, { id: "TaskList" });
