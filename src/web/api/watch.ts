// /api/v1/watch: the health watch of the networks this provider is a current member of — each member's
// status (its instance's health endpoint), each checked service's, the reports behind each verdict, and
// the last 30 days' uptime per day.
import { z } from "zod";
import { watchedNetworks } from "../../federation/aid/watched.ts";
import type { WebDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import type { MemberWatch } from "../../domain/aid/watch/watch.ts";

const status = z.enum(["up", "down", "unknown"]);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const serviceSchema = z.object({
  service: z
    .string()
    .meta({ description: "`health` (the instance's health endpoint) or a declared service, `<kind>#<position>`." }),
  status,
  since: z.string().nullable().meta({ description: "When the current verdict began." }),
  reports: z
    .array(z.object({ reporter: z.string(), at: z.string(), status: z.enum(["ok", "fail"]) }))
    .meta({ description: "The reports behind the verdict: each member's latest batch still within the window." }),
  uptime: z.array(z.object({ day: z.string(), up: z.number().nullable() })).meta({
    description: "The last 30 UTC days, oldest first: the share of the observed day spent up (null: not observed).",
  }),
});

const memberSchema = z.object({
  actor: z.string(),
  status,
  verdictAt: z.string().nullable().meta({ description: "The time of the newest report behind its verdicts." }),
  services: z.array(serviceSchema),
});

const watchSchema = z.object({
  interval: z.string().meta({ description: "WATCH_INTERVAL: how often each member probes the others." }),
  networks: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      reporters: z.number().meta({
        description:
          "k, from the charter (`watch.k`, default 2): distinct members whose failing reports mark a member down.",
      }),
      members: z.array(memberSchema),
    }),
  ),
});

export const memberWatchJson = (m: MemberWatch) => ({
  actor: m.actor,
  status: m.status,
  verdictAt: iso(m.verdictAt),
  services: m.services.map((s) => ({
    service: s.service,
    status: s.status,
    since: iso(s.since),
    reports: s.reports.map((r) => ({ reporter: r.reporter, at: iso(r.at) as string, status: r.ok ? "ok" : "fail" })),
    uptime: s.days.map((d) => ({ day: d.day, up: d.up })),
  })),
});

export function watchApiRoutes({ services, federation, localActors }: WebDeps): RouteSpec[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/watch",
      operationId: "getWatch",
      tag: "Mutual aid",
      summary: "The health of each member of this provider's networks, as the members' reports say",
      description:
        "Members probe each other every WATCH_INTERVAL and send signed report batches; a member is `down` once k distinct other members report it failing within three intervals, and `up` again after k members each sent two clean reports in a row. `unknown`: no report about it speaks now.",
      query: z.object({ network: z.string().optional().meta({ description: "A network's key or id." }) }),
      responses: { 200: { description: "The watch of each network.", schema: watchSchema } },
      errors: [],
      async handle(c, { query }) {
        const networks = await watchedNetworks(federation, services, localActors, query.network);
        return c.json({
          interval: services.config.watchInterval,
          networks: networks.map((n) => ({
            id: n.id,
            key: n.key,
            name: n.name,
            reporters: n.reporters,
            members: n.members.map(memberWatchJson),
          })),
        });
      },
    }),
  ];
}
