// /api/v1/groups: the working groups this instance hosts (founding, listing, tasks), and joining a
// group anywhere: a Follow from our provider to the Group actor, answered by its hosting instance.
import {
  addGroupTask,
  approveMember,
  createGroup,
  type GroupView,
  groupTasks,
  listGroupViews,
  setGroupTaskState,
} from "../../domain/groups/groups.ts";
import type { GroupTask } from "../../domain/groups/groups.repository.ts";
import { followRemote } from "../../federation/follow-remote.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { failureResponse } from "./errors.ts";
import {
  groupCreateSchema,
  groupJoinSchema,
  groupListSchema,
  groupParams,
  groupSchema,
  memberApproveSchema,
  taskCreateSchema,
  taskListSchema,
  taskParams,
  taskSchema,
  taskUpdateSchema,
} from "./group-schemas.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { followedSchema } from "./schemas.ts";
import { followedJson } from "./serialize.ts";

const TAG = "Groups";

export function groupApiRoutes({ services, federation, localActors, networks }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const host = new URL(services.config.origin).host;
  const groupJson = (g: Omit<GroupView, "followers"> & { followers?: GroupView["followers"] }) => ({
    key: g.handle,
    actor: localActors.uri(g.handle).href,
    handle: `@${g.handle}@${host}`,
    name: g.name,
    purpose: g.purpose,
    network: g.network,
    members: (g.followers ?? []).map((f) => ({ actor: f.actorUri, handle: f.handle, name: f.name, role: f.role })),
    createdAt: g.createdAt.toISOString(),
  });
  const taskJson = (t: GroupTask) => ({
    id: t.id,
    title: t.title,
    assignee: t.assignee,
    state: t.state,
    createdAt: t.createdAt.toISOString(),
  });

  return [
    defineRoute({
      method: "get",
      path: "/v1/groups",
      operationId: "listGroups",
      tag: TAG,
      summary: "The working groups this instance hosts, with their members",
      responses: { 200: { description: "Every group hosted here.", schema: groupListSchema } },
      async handle(c) {
        return c.json({ items: (await listGroupViews(db)).map(groupJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/groups",
      operationId: "createGroup",
      tag: TAG,
      summary: "Found a working group, a Group actor hosted here, in a network this instance is in",
      body: groupCreateSchema,
      responses: { 201: { description: "The new group.", schema: groupSchema } },
      errors: [404, 409],
      async handle(c, { body }) {
        const network = await networks.get(body.network);
        if (!network)
          return apiFailure(
            c,
            { code: "invalid", reason: "group.networkUnknown", fields: { network: { code: "notFound" } } },
            422,
          );
        const result = await createGroup(db, { ...body, network: network.id });
        if (!result.ok) {
          if (result.error.code === "invalid") return apiFailure(c, result.error, 422);
          return failureResponse(c, result.error);
        }
        localActors.invalidate();
        return c.json(groupJson(result.value), 201);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/groups/join",
      operationId: "joinGroup",
      tag: TAG,
      summary: "Join a working group: the provider follows the group",
      description:
        "Sends a `Follow` to the group. Its hosting instance accepts at once; a member of the group's network becomes a member (its posts to the group are relayed), anyone else follows its public output until a maintainer makes it a member. `DELETE /api/v1/following` leaves.",
      body: groupJoinSchema,
      responses: {
        202: { description: "The follow was sent and waits for the group's answer.", schema: followedSchema },
        200: { description: "The group was already followed.", schema: followedSchema },
      },
      errors: [404],
      async handle(c, { body }) {
        const result = await followRemote(federation, services, body.group);
        if (result.ok) return c.json(followedJson(result.value), result.value.state === "pending" ? 202 : 200);
        if (result.error.fields) return apiFailure(c, { ...result.error, code: "invalid" }, 422);
        return failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/groups/:key/members",
      operationId: "approveGroupMember",
      tag: TAG,
      summary: "Make an applicant a member: its posts to the group are relayed from now on",
      params: groupParams,
      body: memberApproveSchema,
      responses: { 204: { description: "The follower is a member." } },
      errors: [404],
      async handle(c, { params, body }) {
        const result = await approveMember(db, params.key, body.actor);
        return result.ok ? c.body(null, 204) : failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/groups/:key/tasks",
      operationId: "listGroupTasks",
      tag: TAG,
      summary: "A group's tasks, oldest first",
      params: groupParams,
      responses: { 200: { description: "The tasks.", schema: taskListSchema } },
      errors: [404],
      async handle(c, { params }) {
        const result = await groupTasks(db, params.key);
        return result.ok ? c.json({ items: result.value.map(taskJson) }) : failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/groups/:key/tasks",
      operationId: "addGroupTask",
      tag: TAG,
      summary: "Add a task to a group",
      params: groupParams,
      body: taskCreateSchema,
      responses: { 201: { description: "The new task.", schema: taskSchema } },
      errors: [404],
      async handle(c, { params, body }) {
        const result = await addGroupTask(db, params.key, {
          title: body.title,
          assignee: body.assignee ?? null,
          state: body.state ?? "open",
        });
        return result.ok ? c.json(taskJson(result.value), 201) : failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "patch",
      path: "/v1/groups/:key/tasks/:id",
      operationId: "updateGroupTask",
      tag: TAG,
      summary: "Move a group's task to another state",
      params: taskParams,
      body: taskUpdateSchema,
      responses: { 204: { description: "The task is in its new state." } },
      errors: [404],
      async handle(c, { params, body }) {
        const result = await setGroupTaskState(db, params.key, params.id, body.state);
        return result.ok ? c.body(null, 204) : failureResponse(c, result.error);
      },
    }),
  ];
}
