// The rules of an emergency: what an operator declares, and what a fellow member's copy must hold.
import { z } from "zod";

export const EMERGENCY_KINDS = ["outage", "seizure", "deplatforming", "disaster"] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

export const MAX_SUMMARY = 500;
export const MAX_NEEDS = 10_000;

const actorUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const emergencyInputSchema = z.object({
  kind: z.enum(EMERGENCY_KINDS),
  summary: z.string().trim().min(1).max(MAX_SUMMARY),
  needs: z.string().trim().min(1).max(MAX_NEEDS),
  onBehalfOf: actorUrl.optional(),
});
export type EmergencyInput = z.output<typeof emergencyInputSchema>;

/** An emergency as a fellow member sends it (its declaration or its resolution). */
export const incomingEmergencySchema = z.object({
  id: actorUrl,
  kind: z.enum(EMERGENCY_KINDS),
  summary: z.string().trim().min(1).max(MAX_SUMMARY),
  needs: z.string().max(MAX_NEEDS),
  declaredBy: actorUrl,
  subject: actorUrl,
  onBehalf: z.boolean(),
  state: z.enum(["open", "resolved"]),
  openedAt: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullish(),
});
export type IncomingEmergency = z.output<typeof incomingEmergencySchema>;

/**
 * Whether a copy is consistent with the actor that sent it: declared by that actor, with an id on its
 * origin, and marked on behalf exactly when the subject is someone else.
 */
export function consistentWithSender(e: IncomingEmergency, sender: string): boolean {
  return (
    e.declaredBy === sender && new URL(e.id).origin === new URL(sender).origin && e.onBehalf === (e.subject !== sender)
  );
}

/** A resolution is never undone by a copy that arrives late. */
export function mergedState(held: "open" | "resolved" | undefined, incoming: "open" | "resolved"): "open" | "resolved" {
  return held === "resolved" ? "resolved" : incoming;
}
