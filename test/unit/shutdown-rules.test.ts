// The rules of a notice of closing without HTTP: the promised notice, the date's forms, and when a Move
// happens at the date.
import { describe, expect, it } from "vitest";
import { earliestEffective, keepsNotice, outcomeAtDate, shutdownInputSchema } from "../../src/domain/shutdown/rules.ts";

const NOW = new Date("2027-01-10T12:00:00Z");

describe("a notice of closing", () => {
  it("keeps the notice the profile promises, to the millisecond", () => {
    expect(earliestEffective(NOW, 90).toISOString()).toBe("2027-04-10T12:00:00.000Z");
    expect(keepsNotice(new Date("2027-04-10T12:00:00Z"), NOW, 90)).toBe(true);
    expect(keepsNotice(new Date("2027-04-10T11:59:59Z"), NOW, 90)).toBe(false);
    // No promise: any date from now on, never one in the past.
    expect(keepsNotice(NOW, NOW, undefined)).toBe(true);
    expect(keepsNotice(new Date(NOW.getTime() - 1), NOW, 0)).toBe(false);
  });

  it("takes a date as midnight UTC, or an instant with its offset, and nothing else", () => {
    const parse = (effective: string) =>
      shutdownInputSchema.safeParse({ effective, successor: "@next@hosts.example", message: "Move your mail." });
    expect(parse("2027-05-01").data?.effective.toISOString()).toBe("2027-05-01T00:00:00.000Z");
    expect(parse("2027-05-01T10:00:00+02:00").data?.effective.toISOString()).toBe("2027-05-01T08:00:00.000Z");
    for (const bad of ["2027-02-30", "01/05/2027", "2027-05-01T10:00", "soon"]) expect(parse(bad).success).toBe(false);
    expect(shutdownInputSchema.safeParse({ effective: "2027-05-01", successor: "nobody", message: "x" }).success).toBe(
      false,
    );
  });

  it("moves only with the successor's consent and its alias", () => {
    expect(outcomeAtDate("accepted", true)).toEqual({ move: true });
    expect(outcomeAtDate("accepted", false)).toEqual({ move: false, outcome: "not_aliased" });
    expect(outcomeAtDate("pending", true)).toEqual({ move: false, outcome: "no_consent" });
    expect(outcomeAtDate("rejected", true)).toEqual({ move: false, outcome: "rejected" });
  });
});
