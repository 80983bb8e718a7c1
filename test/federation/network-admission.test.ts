// Two real instances on 127.0.0.1: A founds a network, B applies through A, A votes yes, and both
// fold the same record in which B is a member.
import { afterEach, describe, expect, it } from "vitest";
import type { NetworkOperations } from "../../src/domain/networks/operations.ts";
import { networkOperations } from "../../src/federation/networks/operations.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const QUESTION = "Which movements do you host?";
const ENV = {
  NETWORK_MIN_WINDOW: "PT5S",
  NETWORK_SETTLE: "PT1S",
  NETWORK_SYNC_INTERVAL: "PT1S",
  DELIVERY_RETRY_INITIAL_MS: "250",
};
const rule = { window: "PT8S", quorum: 0.5, threshold: 0.5, block: true };

const ops = (i: TestInstance): NetworkOperations => networkOperations(i.services, i.federation, i.localActors);

describe("networks between two instances", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => stopAll(a, b));

  it("B applies through A, A votes yes, and B is a member on both", { timeout: 180_000 }, async () => {
    a = await startInstance({ handle: "alpha", env: ENV });
    b = await startInstance({ handle: "beta", env: ENV });
    const alpha = `${a.origin}/actors/alpha`;
    const beta = `${b.origin}/actors/beta`;

    const founded = await ops(a).found({
      name: "Tech Co-ops",
      purpose: "Hosting for movements.",
      charter: { questions: [QUESTION], rules: { admission: rule }, pauseAfterMissed: 3 },
    });
    if (!founded.ok) throw new Error(JSON.stringify(founded.error));
    const { key, id } = founded.value;
    expect(id).toBe(`${a.origin}/networks/${key}`);
    expect(founded.value.members.map((m) => [m.actor, m.state])).toEqual([[alpha, "member"]]);

    // B reads the networks A publishes, picks the only one, and sends its application.
    const joined = await ops(b).join({ via: alpha, answers: { [QUESTION]: "Tenant unions" } });
    expect(joined.ok && [joined.value.id, joined.value.status, joined.value.via]).toEqual([id, "applicant", alpha]);
    expect((await ops(b).get(key))?.status).toBe("applicant");

    // A opens the admission motion on B's application; B receives it with the founding.
    const motion = await eventually(
      async () => {
        const m = await ops(a!).motions(key);
        return m.ok ? m.value.find((x) => x.kind === "admission" && x.subject === beta) : undefined;
      },
      30_000,
      "A to open the admission motion",
    );
    expect(motion.answers).toEqual({ [QUESTION]: "Tenant unions" });
    expect(motion.canVote).toBe(true);
    await eventually(
      async () => {
        const m = await ops(b!).motions(key);
        return m.ok && m.value.some((x) => x.key === motion.key);
      },
      30_000,
      "B to receive the motion",
    );

    const voted = await ops(a).vote(key, motion.key, { choice: "yes" });
    if (!voted.ok) throw new Error(JSON.stringify(voted.error));
    expect(voted.value.mine?.choice).toBe("yes");

    // The window closes, both close it, the decision settles: B is a member on A and on B.
    for (const i of [a, b])
      await eventually(
        async () => (await ops(i).get(key))?.members.some((m) => m.actor === beta && m.state === "member"),
        90_000,
        `${i.origin} to count B as a member`,
      );
    await eventually(async () => (await ops(b!).get(key))?.status === "member", 30_000, "B to be a member");
    const heads = async () => [await ops(a!).decisions(key), await ops(b!).decisions(key)];
    const [onA, onB] = await eventually(
      async () => {
        const [x, y] = await heads();
        return x?.ok && y?.ok && x.value.head === y.value.head ? [x.value, y.value] : undefined;
      },
      30_000,
      "both heads to be equal",
    );
    expect(onA.decisions.map((d) => d.kind)).toEqual(["founded", "motion"]);
    expect(onB.head).toBe(onA.head);
    const decided = onA.decisions[1];
    expect(decided?.kind === "motion" && [decided.outcome, decided.subject, decided.tally.yes]).toEqual([
      "passed",
      beta,
      1,
    ]);
  });
});
