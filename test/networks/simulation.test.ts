// The protocol under faults: every live member ends with the same decision record, equal to the record
// folded from everything anyone made. NETWORK_SIM_LONG=1 (npm run sim) runs more seeds and more motions.
import { describe, expect, it } from "vitest";
import { networkSimLong as long } from "../helpers/test-environment.ts";
import { simulate } from "./sim/simulator.ts";

const seeds = long ? Array.from({ length: 20 }, (_, i) => 1000 + i) : [1, 2, 3];

describe("the network protocol, simulated", () => {
  for (const seed of seeds) {
    it(`converges on one decision record (seed ${seed})`, { timeout: long ? 3_600_000 : 900_000 }, () => {
      const r = simulate({
        seed,
        members: 100,
        motions: long ? 40 : 8,
        loss: 0.1,
        duplicates: 0.05,
        crashes: long ? 20 : 8,
      });
      expect(r.live).toBeGreaterThan(90);
      expect(r.decisions).toBeGreaterThan(99);
      expect(r.messages.lost).toBeGreaterThan(0);
      expect(r.messages.duplicated).toBeGreaterThan(0);
      expect([...r.heads]).toEqual([r.truthHead]);
      for (const [, outcomes] of r.outcomes) expect(outcomes.size).toBe(1);
      expect(r.doubleCounted).toBe(0);
      expect(r.countedFromOutsiders).toBe(0);
      expect(r.forgedHeld).toBe(0);
      console.info(
        `seed ${seed}: ${r.live} live, ${r.decisions} decisions, ${r.messages.sent} messages (${r.messages.lost} lost, ${r.messages.duplicated} duplicated), ` +
          `anti-entropy ${r.antiEntropy.rounds} rounds (${r.antiEntropy.inSyncRounds} in sync), ${r.revised} revisions seen`,
      );
    });
  }
});
