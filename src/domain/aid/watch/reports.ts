// A report batch as it travels: who probed, which round, and one status per check (a member's instance
// health endpoint, or one of its declared services), as a string of "1" (ok) and "0" (fail) in the order
// of the checks. The edge checks its signature (the reporter's key) and that the sender is the reporter
// before this parse; the verdict then decides whether the reporter counts.
import { z } from "zod";
import { HEALTH, type ReportBatch } from "./verdict.ts";

const actor = z.url({ protocol: /^https?$/ }).max(2000);
const service = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:/#-]+$/);

/** At most this many checks in one batch: 1,000 members with a few services each. */
export const MAX_CHECKS = 5000;

export const batchSchema = z
  .strictObject({
    reporter: actor,
    round: z.iso.datetime({ offset: true }),
    at: z.iso.datetime({ offset: true }),
    checks: z.array(z.strictObject({ subject: actor, service: service.default(HEALTH) })).max(MAX_CHECKS),
    status: z
      .string()
      .max(MAX_CHECKS)
      .regex(/^[01]*$/, { message: "one 1 (ok) or 0 (fail) per check" }),
  })
  .refine((b) => b.status.length === b.checks.length, { message: "one status per check", path: ["status"] })
  .refine((b) => new Set(b.checks.map((c) => `${c.subject}\n${c.service}`)).size === b.checks.length, {
    message: "each check once",
    path: ["checks"],
  })
  .refine((b) => Date.parse(b.round) <= Date.parse(b.at), { message: "a round starts before its batch", path: ["at"] })
  .transform(
    (b): ReportBatch => ({
      reporter: b.reporter,
      round: Date.parse(b.round),
      at: Date.parse(b.at),
      checks: b.checks,
      status: b.status,
    }),
  );

/** The wire form of a batch (the inverse of `batchSchema`). */
export const batchJson = (b: ReportBatch) => ({
  reporter: b.reporter,
  round: new Date(b.round).toISOString(),
  at: new Date(b.at).toISOString(),
  checks: b.checks.map((c) => ({ subject: c.subject, service: c.service })),
  status: b.status,
});
