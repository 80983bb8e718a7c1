// A health watch report batch as it travels: a `Create` of a `ch:HealthReport` whose `report` is the
// batch's wire form (a JSON literal), addressed to the network it is about, signed by its reporter
// (FEP-8b32, eddsa-jcs-2022 over the raw JSON) and HTTP-signed by it when posted.
import { z } from "zod";
import { batchJson, batchSchema } from "../../domain/aid/watch/reports.ts";
import type { ReportBatch } from "../../domain/aid/watch/verdict.ts";
import { NAMESPACE } from "../vocab/context.ts";

type Json = Record<string, unknown>;

export const REPORT_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  {
    ch: NAMESPACE,
    HealthReport: "ch:HealthReport",
    network: { "@id": "ch:network", "@type": "@id" },
    report: { "@id": "ch:healthReport", "@type": "@json" },
  },
] as const;

/** The HealthReport object of a batch (before its proof); its id names the network, reporter and round. */
export function reportObject(batch: ReportBatch, network: string): Json {
  const round = new Date(batch.round).toISOString();
  return {
    "@context": REPORT_CONTEXT,
    type: "HealthReport",
    id: `${batch.reporter}#health-${encodeURIComponent(network)}-${round}`,
    attributedTo: batch.reporter,
    network,
    to: [network],
    report: batchJson(batch),
  };
}

const envelope = z.looseObject({
  type: z.literal("HealthReport"),
  attributedTo: z.string(),
  network: z.string().min(1).max(2000),
  report: batchSchema,
});

/** The network and batch of a received HealthReport, or the zod error saying what is wrong. */
export function parseReportObject(
  object: Json,
): { ok: true; network: string; batch: ReportBatch } | { ok: false; error: z.ZodError } {
  const parsed = envelope.safeParse(object);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, network: parsed.data.network, batch: parsed.data.report };
}

export const isReportActivity = (json: Json): boolean =>
  json.type === "Create" &&
  typeof json.object === "object" &&
  json.object !== null &&
  (json.object as Json).type === "HealthReport";
