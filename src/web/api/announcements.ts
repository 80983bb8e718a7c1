// /api/v1/announcements: create, list, read, edit, delete and pin the provider's announcements.
import type { Context } from "hono";
import {
  createAnnouncement,
  deleteAnnouncement,
  findLiveAnnouncement,
  listAnnouncements,
  updateAnnouncement,
  type Announcement,
} from "../../domain/announcements/announcements.ts";
import type { Result } from "../../domain/validation.ts";
import { tagUrl } from "../../federation/mappers/note.ts";
import type { WebDeps } from "../deps.ts";
import { apiError, failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import {
  announcementCreateSchema,
  announcementPageQuery,
  announcementPageSchema,
  announcementPatchSchema,
  announcementSchema,
  idParams,
} from "./schemas.ts";
import { announcementJson } from "./serialize.ts";

export function announcementRoutes({ services }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const { origin } = services.config;
  const tags = (tag: string) => tagUrl(origin, tag).href;
  const one = { description: "The announcement.", schema: announcementSchema };
  const reply = (c: Context, result: Result<Announcement>, status: 200 | 201 = 200) =>
    result.ok ? c.json(announcementJson(result.value, origin), status) : failureResponse(c, result.error);
  const setPinned =
    (pinned: boolean) =>
    async (c: Context, { params }: { params: { id: string } }) =>
      reply(c, await updateAnnouncement(db, params.id, { pinned }, tags));

  return [
    defineRoute({
      method: "get",
      path: "/v1/announcements",
      operationId: "listAnnouncements",
      tag: "Announcements",
      summary: "Announcements, newest first",
      query: announcementPageQuery,
      responses: { 200: { description: "A page of announcements.", schema: announcementPageSchema } },
      async handle(c, { query }) {
        const rows = await listAnnouncements(db, {
          limit: query.limit + 1,
          ...(query.before ? { before: query.before } : {}),
        });
        const items = rows.slice(0, query.limit);
        const next = rows.length > query.limit ? (items.at(-1)?.id ?? null) : null;
        return c.json({ items: items.map((a) => announcementJson(a, origin)), next });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/announcements",
      operationId: "createAnnouncement",
      tag: "Announcements",
      summary: "Post an announcement to the followers",
      description: "`content` is markdown; #hashtags become tags. Followers receive a `Create`.",
      body: announcementCreateSchema,
      responses: { 201: { description: "The new announcement.", schema: announcementSchema } },
      async handle(c, { body }) {
        return reply(c, await createAnnouncement(db, body, tags), 201);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/announcements/:id",
      operationId: "getAnnouncement",
      tag: "Announcements",
      summary: "One announcement",
      params: idParams,
      responses: { 200: one },
      errors: [404],
      async handle(c, { params, t }) {
        const row = await findLiveAnnouncement(db, params.id);
        return row ? c.json(announcementJson(row, origin)) : apiError(c, 404, "not_found", t("api.error.notFound"));
      },
    }),
    defineRoute({
      method: "patch",
      path: "/v1/announcements/:id",
      operationId: "editAnnouncement",
      tag: "Announcements",
      summary: "Edit an announcement",
      description: "Only the fields given change. A changed text or language is sent to followers as an `Update`.",
      params: idParams,
      body: announcementPatchSchema,
      responses: { 200: one },
      errors: [404],
      async handle(c, { params, body }) {
        return reply(c, await updateAnnouncement(db, params.id, body, tags));
      },
    }),
    defineRoute({
      method: "delete",
      path: "/v1/announcements/:id",
      operationId: "deleteAnnouncement",
      tag: "Announcements",
      summary: "Delete an announcement",
      description: "Followers receive a `Delete`; the announcement's URL then answers 410 Gone.",
      params: idParams,
      responses: { 204: { description: "Deleted." } },
      errors: [404],
      async handle(c, { params }) {
        const result = await deleteAnnouncement(db, params.id);
        return result.ok ? c.body(null, 204) : failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/announcements/:id/pin",
      operationId: "pinAnnouncement",
      tag: "Announcements",
      summary: "Pin an announcement to the top of the profile",
      params: idParams,
      responses: { 200: one },
      errors: [404],
      handle: setPinned(true),
    }),
    defineRoute({
      method: "delete",
      path: "/v1/announcements/:id/pin",
      operationId: "unpinAnnouncement",
      tag: "Announcements",
      summary: "Unpin an announcement",
      params: idParams,
      responses: { 200: one },
      errors: [404],
      handle: setPinned(false),
    }),
  ];
}
