// A health report as it travels: who probed whom, which service (or the instance's own health
// endpoint), ok or fail, and when by the prober's clock. The edge checks its signature (the reporter's
// key) before this parse; the verdict then decides whether the reporter counts.
import { z } from "zod";
import { HEALTH, type Report } from "./verdict.ts";

const actor = z.url({ protocol: /^https?$/ }).max(2000);

export const reportSchema = z
  .strictObject({
    reporter: actor,
    subject: actor,
    service: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9._:/#-]+$/)
      .default(HEALTH),
    status: z.enum(["ok", "fail"]),
    at: z.iso.datetime({ offset: true }),
  })
  .transform(
    (r): Report => ({
      reporter: r.reporter,
      subject: r.subject,
      service: r.service,
      ok: r.status === "ok",
      at: Date.parse(r.at),
    }),
  );

/** The wire form of a report (the inverse of `reportSchema`). */
export const reportJson = (r: Report) => ({
  reporter: r.reporter,
  subject: r.subject,
  service: r.service,
  status: r.ok ? "ok" : "fail",
  at: new Date(r.at).toISOString(),
});
