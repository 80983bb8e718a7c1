// The charter's mutual-aid terms: `watch` (k watchers, optional interval) and `onBehalf`. Charters that
// name neither keep their digest, and read as k = 2 and agreement partners.
import { describe, expect, it } from "vitest";
import { charterAt, onBehalfRule, parseCharter, watchInterval, watchK } from "../../src/domain/networks/charter.ts";

const body = (input: Record<string, unknown>) => {
  const parsed = parseCharter(input, 0);
  if (!parsed.ok) throw new Error(parsed.failure.code);
  return parsed.value;
};

describe("charter: watch and onBehalf", () => {
  it("reads defaults from a charter that names neither, whose digest does not change", () => {
    const old = body({ purpose: "P" });
    expect(old).not.toHaveProperty("watch");
    expect(old).not.toHaveProperty("onBehalf");
    expect(watchK(old)).toBe(2);
    expect(watchInterval(old)).toBeUndefined();
    expect(onBehalfRule(old)).toBe("partners");
    // The digest of a charter without the new terms is the one it always had.
    expect(charterAt(old, 1).digest).toBe(charterAt(body({ purpose: "P", pauseAfterMissed: 3 }), 1).digest);
    // Naming them, even as the defaults, makes another charter.
    expect(charterAt(body({ purpose: "P", onBehalf: "partners" }), 1).digest).not.toBe(charterAt(old, 1).digest);
  });

  it("reads the terms it names", () => {
    const c = body({ watch: { k: 3, interval: "PT5M" }, onBehalf: "members" });
    expect(watchK(c)).toBe(3);
    expect(watchInterval(c)).toBe(300_000);
    expect(onBehalfRule(c)).toBe("members");
    expect(watchK(body({ watch: {} }))).toBe(2);
    expect(charterAt(c, 2)).toMatchObject({ watch: { k: 3, interval: "PT5M" }, onBehalf: "members" });
  });

  it("refuses bad terms naming the field", () => {
    const field = (input: Record<string, unknown>) => {
      const parsed = parseCharter(input, 0);
      return parsed.ok ? undefined : (parsed.failure as { vars?: { field?: string } }).vars?.field;
    };
    expect(field({ watch: { k: 0 } })).toBe("watch.k");
    expect(field({ watch: { k: 1 } })).toBe("watch.k");
    expect(field({ watch: { k: 1.5 } })).toBe("watch.k");
    expect(field({ watch: { interval: "soon" } })).toBe("watch.interval");
    expect(field({ watch: "often" })).toBe("watch");
    expect(field({ onBehalf: "anyone" })).toBe("onBehalf");
  });
});
