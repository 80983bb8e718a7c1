import { describe, expect, it } from "vitest";
import { castBallot, foundNetwork, leaveNetwork, openMotion } from "../../src/domain/networks/actions.ts";
import { idOf } from "../../src/domain/networks/objects.ts";
import { A, admitAll, B, C, D, fold, genesis, HOUR, motion, NET, pile, T0 } from "./builders.ts";

const code = (r: { ok: boolean; failure?: { code: string } }) => (r.ok ? "ok" : r.failure?.code);

describe("what a member may do", () => {
  it("founds a network only with windows this instance allows", () => {
    const charter = { rules: { admission: { window: "PT5S" } } };
    expect(code(foundNetwork({ network: NET, name: "Hosts", founder: A, charter }, T0, 3_600_000))).toBe(
      "network.window_too_short",
    );
    const ok = foundNetwork({ network: NET, name: " Hosts ", founder: A, charter }, T0, 5000);
    expect(ok.ok && ok.value).toMatchObject({ type: "Genesis", name: "Hosts", founder: A });
    expect(code(foundNetwork({ network: NET, name: " ", founder: A, charter }, T0, 5000))).toBe(
      "network.charter_invalid",
    );
  });

  it("opens motions that fit their subject, as a member", () => {
    const p = pile();
    const t = admitAll(p, [B, C]);
    const r = fold(genesis(), p, t);
    expect(code(openMotion(r, A, { kind: "admission", subject: D, text: "D applies" }, t, 1000))).toBe("ok");
    expect(code(openMotion(r, A, { kind: "admission", subject: B, text: "" }, t, 1000))).toBe(
      "network.subject_invalid",
    );
    expect(code(openMotion(r, A, { kind: "reinstatement", subject: B, text: "" }, t, 1000))).toBe(
      "network.subject_invalid",
    );
    expect(code(openMotion(r, A, { kind: "suspension", subject: A, text: "" }, t, 1000))).toBe(
      "network.subject_invalid",
    );
    expect(code(openMotion(r, D, { kind: "resolution", text: "" }, t, 1000))).toBe("network.not_member");
    expect(code(openMotion(r, A, { kind: "coup", text: "" }, t, 1000))).toBe("network.motion_invalid");
    expect(
      code(
        openMotion(
          r,
          A,
          { kind: "amendment", text: "", charter: { rules: { resolution: { window: "PT1S" } } } },
          t,
          60_000,
        ),
      ),
    ).toBe("network.window_too_short");
    const s = openMotion(r, A, { kind: "suspension", subject: C, text: "", until: "2027-01-01T00:00:00Z" }, t, 1000);
    expect(s.ok && s.value).toMatchObject({ until: "2027-01-01T00:00:00.000Z", charter: 1, by: A });
  });

  it("casts ballots only on open motions, in the electorate, with a reason for a block", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const t = T0 + 10 * HOUR;
    const m = motion(A, "admission", t, { subject: D });
    p.motions.push(m);
    const r = fold(genesis(), p, t + 1000);
    const id = idOf(m);
    expect(code(castBallot(r, B, id, { choice: "yes" }, t + 1000))).toBe("ok");
    expect(code(castBallot(r, B, id, { choice: "block" }, t + 1000))).toBe("network.block_needs_reason");
    expect(code(castBallot(r, B, id, { choice: "block", reason: " no " }, t + 1000))).toBe("ok");
    expect(code(castBallot(r, B, id, { choice: "maybe" }, t + 1000))).toBe("network.choice_invalid");
    expect(code(castBallot(r, D, id, { choice: "yes" }, t + 1000))).toBe("network.not_member");
    expect(code(castBallot(r, B, id, { choice: "yes" }, t + HOUR))).toBe("network.motion_closed");
    expect(code(castBallot(r, B, "sha256:nope", { choice: "yes" }, t + 1000))).toBe("network.motion_unknown");
  });

  it("leaves, once", () => {
    const p = pile();
    const t = admitAll(p, [B]);
    const r = fold(genesis(), p, t);
    const l = leaveNetwork(r, B, t);
    expect(l.ok && l.value).toEqual({ type: "Leave", network: NET, by: B, published: new Date(t).toISOString() });
    expect(code(leaveNetwork(r, C, t))).toBe("network.not_member");
  });
});

describe("network failures at the edge", () => {
  it("become the house's failures, with a reason each language translates", async () => {
    const { toFailure } = await import("../../src/domain/networks/failures.ts");
    const { readLocale } = await import("../../src/i18n/i18n.ts");
    expect(toFailure({ code: "network.motion_closed", vars: { closesAt: "2026-01-01T00:00:00.000Z" } })).toEqual({
      code: "conflict",
      reason: "network.motion_closed",
      vars: { closesAt: "2026-01-01T00:00:00.000Z" },
    });
    expect(toFailure({ code: "network.not_member" })).toEqual({ code: "forbidden", reason: "network.not_member" });
    expect(toFailure({ code: "network.block_needs_reason" })).toEqual({
      code: "invalid",
      reason: "network.block_needs_reason",
    });
    expect(readLocale("fr")["errors.network.block_needs_reason"]).toBe(
      "Un blocage doit être motivé\u00a0; tous les membres verront la raison.",
    );
  });
});
