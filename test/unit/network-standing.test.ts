// How an open motion stands and which field a network failure names: pure rules the pages rely on.
import { describe, expect, it } from "vitest";
import { isoDuration, withFields } from "../../src/domain/networks/failure-fields.ts";
import { motionKeyOf, standingOf } from "../../src/domain/networks/standing.ts";
import { formatDuration, formatPercent } from "../../src/i18n/format.ts";

const rule = { window: "P14D", quorum: 0.5, threshold: 0.5, block: true };

describe("the standing of an open motion", () => {
  it("passes only with the quorum, a share of yes above the threshold, and no block that stops it", () => {
    expect(standingOf({ yes: 3, no: 1, abstain: 1, block: 0, quorum: 3 }, rule)).toEqual({
      cast: 5,
      quorumMet: true,
      share: 0.75,
      thresholdMet: true,
      blocked: false,
      passing: true,
    });
    // Two of four is not more than half.
    expect(standingOf({ yes: 2, no: 2, abstain: 0, block: 0, quorum: 3 }, rule)).toMatchObject({
      thresholdMet: false,
      passing: false,
    });
    // Abstentions make the quorum but not the share.
    expect(standingOf({ yes: 1, no: 0, abstain: 1, block: 0, quorum: 3 }, rule)).toMatchObject({
      quorumMet: false,
      share: 1,
      passing: false,
    });
    // A block counts against, and stops the motion when the rule says so.
    expect(standingOf({ yes: 4, no: 0, abstain: 0, block: 1, quorum: 3 }, rule)).toMatchObject({
      share: 0.8,
      blocked: true,
      passing: false,
    });
    expect(standingOf({ yes: 4, no: 0, abstain: 0, block: 1, quorum: 3 }, { ...rule, block: false }).passing).toBe(
      true,
    );
    // Nobody voted: no share, and a quorum of 0 still needs one ballot.
    expect(standingOf({ yes: 0, no: 0, abstain: 0, block: 0, quorum: 0 }, rule)).toMatchObject({
      share: null,
      quorumMet: false,
      passing: false,
    });
  });

  it("takes a motion's key from its digest", () => {
    expect(motionKeyOf(`sha256:c07e55a1d2b94f8e0a13${"0".repeat(44)}`)).toBe("c07e55a1d2b94f8e0a13");
  });
});

describe("network failures on the field they concern", () => {
  it("names the rule's window, the charter field, the subject or the reason", () => {
    expect(
      withFields(
        {
          code: "invalid",
          reason: "network.window_too_short",
          vars: { kind: "admission", window: "PT1S", minimumMs: 3_600_000 },
        },
        "found",
      ).fields,
    ).toEqual({ "charter.rules.admission.window": { code: "windowTooShort", vars: { min: "PT1H" } } });
    expect(
      withFields({ code: "invalid", reason: "network.charter_invalid", vars: { field: "name" } }, "found").fields,
    ).toEqual({ name: { code: "invalid" } });
    expect(
      withFields(
        { code: "invalid", reason: "network.charter_invalid", vars: { field: "rules.expulsion.quorum" } },
        "motion",
      ).fields,
    ).toEqual({ "charter.rules.expulsion.quorum": { code: "invalid" } });
    expect(withFields({ code: "invalid", reason: "network.subject_invalid" }, "motion").fields).toEqual({
      subject: { code: "subjectMismatch" },
    });
    expect(withFields({ code: "invalid", reason: "network.block_needs_reason" }, "ballot").fields).toEqual({
      reason: { code: "blockReason" },
    });
    // A failure about no field is left as it is.
    expect(withFields({ code: "forbidden", reason: "network.suspended" }, "ballot")).toEqual({
      code: "forbidden",
      reason: "network.suspended",
    });
  });

  it("writes durations as operators write windows, and in words for each language", () => {
    expect([1000, 5000, 3_600_000, 5_400_000, 86_400_000 * 14, 0].map(isoDuration)).toEqual([
      "PT1S",
      "PT5S",
      "PT1H",
      "PT1H30M",
      "P14D",
      "PT0S",
    ]);
    expect(formatDuration("en", 14 * 86_400_000)).toBe("14 days");
    expect(formatDuration("fr", 5_400_000)).toBe("1\u00a0heure et 30 minutes");
    expect(formatDuration("de", 60_000)).toBe("1 Minute");
    expect(formatPercent("en", 0.5)).toBe("50%");
    expect(formatPercent("fr", 0.667)).toBe("66,7\u00a0%");
  });
});
