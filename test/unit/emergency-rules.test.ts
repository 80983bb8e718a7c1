// The pure rules of emergencies: what a declaration must hold, and what a fellow member's copy may be.
import { describe, expect, it } from "vitest";
import {
  consistentWithSender,
  emergencyInputSchema,
  type IncomingEmergency,
  mergedState,
} from "../../src/domain/emergencies/rules.ts";

const alpha = "https://alpha.example/actors/alpha";
const beta = "https://beta.example/actors/beta";

const copy = (over: Partial<IncomingEmergency> = {}): IncomingEmergency => ({
  id: `${alpha}#emergencies/1`,
  kind: "seizure",
  summary: "Seized.",
  needs: "Mail.",
  declaredBy: alpha,
  subject: beta,
  onBehalf: true,
  state: "open",
  openedAt: "2026-11-28T00:00:00Z",
  ...over,
});

describe("emergency rules", () => {
  it("names every bad field of a declaration", () => {
    const parsed = emergencyInputSchema.safeParse({ kind: "flood", summary: "", needs: "x", onBehalfOf: "ftp://x" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["kind", "onBehalfOf", "summary"]);
  });

  it("accepts a copy declared by its sender, with an id on its origin, marked on behalf when the subject is another", () => {
    expect(consistentWithSender(copy(), alpha)).toBe(true);
    expect(consistentWithSender(copy({ subject: alpha, onBehalf: false }), alpha)).toBe(true);
  });

  it("refuses a copy relayed by someone else, with a foreign id, or hiding that it speaks for another", () => {
    expect(consistentWithSender(copy(), beta)).toBe(false);
    expect(consistentWithSender(copy({ id: `${beta}#emergencies/1` }), alpha)).toBe(false);
    expect(consistentWithSender(copy({ onBehalf: false }), alpha)).toBe(false);
    expect(consistentWithSender(copy({ subject: alpha, onBehalf: true }), alpha)).toBe(false);
  });

  it("never reopens a resolved emergency from a late copy", () => {
    expect(mergedState("resolved", "open")).toBe("resolved");
    expect(mergedState("open", "resolved")).toBe("resolved");
    expect(mergedState(undefined, "open")).toBe("open");
  });
});
