// The rules of a notice of closing: its input, and the earliest date the profile's promise allows.
import { z } from "zod";

const DAY_MS = 86_400_000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `YYYY-MM-DD` names a day of the calendar (Date.parse takes 2027-02-30 for March 2nd). */
const realDay = (day: string) => {
  const at = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day;
};

/** An ISO date (midnight UTC of that day) or an instant with its offset. */
const effectiveSchema = z
  .string()
  .trim()
  .refine(
    (v) => (datePattern.test(v) || instantPattern.test(v)) && realDay(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
    { message: "isoDate" },
  )
  .transform((v) => new Date(Date.parse(datePattern.test(v) ? `${v}T00:00:00Z` : v)));

export const shutdownInputSchema = z.object({
  effective: effectiveSchema,
  successor: z
    .string()
    .trim()
    .regex(/^(@?[^@\s]+@[^@\s]+|https?:\/\/\S+)$/, { message: "handleOrUrl" })
    .max(2048),
  message: z.string().trim().min(1).max(10_000),
});
export type ShutdownInput = z.output<typeof shutdownInputSchema>;

/** The earliest effective date a provider promising `noticeDays` days of notice may announce at `now`. */
export function earliestEffective(now: Date, noticeDays: number | undefined): Date {
  return new Date(now.getTime() + (noticeDays ?? 0) * DAY_MS);
}

/** Whether the effective date keeps the promise (and is not in the past). */
export function keepsNotice(effective: Date, now: Date, noticeDays: number | undefined): boolean {
  return effective.getTime() >= earliestEffective(now, noticeDays).getTime();
}

/** What happens at the effective date: a Move only with the successor's consent and its alias. */
export function outcomeAtDate(
  consent: "pending" | "accepted" | "rejected",
  successorListsUs: boolean,
): { move: true } | { move: false; outcome: "no_consent" | "rejected" | "not_aliased" } {
  if (consent === "rejected") return { move: false, outcome: "rejected" };
  if (consent === "pending") return { move: false, outcome: "no_consent" };
  return successorListsUs ? { move: true } : { move: false, outcome: "not_aliased" };
}
