// /api/v1/library: the full-text search over every document this instance holds (its own, and the
// replicas of followed providers' and fellow members' documents), network documents included.
import { z } from "zod";
import { libraryQuerySchema } from "../../domain/docs/library-query.ts";
import { searchLibraryFor } from "../../domain/docs/library.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const counts = z.record(z.string(), z.number().int());

export const libraryResultSchema = z.object({
  id: z.string().describe("the document's URI, on its author's instance"),
  key: z.string().describe("this instance's key for it: /api/v1/docs/{key} reads it"),
  local: z.boolean().describe("written here"),
  title: z.string(),
  summary: z.string(),
  lang: z.string(),
  tags: z.array(z.string()),
  author: z.string().describe("the writing provider's actor"),
  audience: z.enum(["public", "network", "group"]),
  network: z.string().nullable(),
  group: z.string().nullable(),
  gone: z.boolean().describe("its author's instance is gone: this copy is kept for reading"),
  updatedAt: z.string(),
  score: z.number(),
  snippet: z.string().describe("the passage around the first match, or the beginning"),
  matched: z.array(z.string()).describe("the words of the passage that matched the query"),
});

export const libraryResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  results: z.array(libraryResultSchema),
  corrected: z
    .record(z.string(), z.array(z.string()))
    .describe("query words no document has, and the known words they were read as (typos)"),
  facets: z.object({ lang: counts, tag: counts.describe("the 50 most used tags among the matches") }),
});

export function libraryApiRoutes({ services }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  return [
    defineRoute({
      method: "get",
      path: "/v1/library",
      operationId: "searchLibrary",
      tag: "Documents",
      summary: "Search the network's library: every document held here",
      description:
        "Full-text search in the documents' languages (stemmed as the directory's search is), typo-tolerant, over this instance's documents and the replicas it holds, network documents included. Filters may repeat (`tag=ops&tag=backups`: every tag; `lang`, `author`, `group`: any). `group` finds the documents of a working group (its actor URI), which only its members hold. A malformed or oversized query gets 400.",
      queryDoc: libraryQuerySchema,
      responses: { 200: { description: "One page of results with facets.", schema: libraryResponseSchema } },
      errors: [400],
      async handle(c) {
        const result = await searchLibraryFor(db, new URL(c.req.url).search.slice(1), "operator");
        return result.ok ? c.json(result.value.answer) : apiFailure(c, result.error, 400);
      },
    }),
  ];
}
