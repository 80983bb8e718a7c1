import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

// Short windows, and decisions made a second after a close: the test waits for a real close.
const env = { NETWORK_MIN_WINDOW: "PT1S", NETWORK_SETTLE: "PT1S", NETWORK_SYNC_INTERVAL: "PT1S" };
const KEY = /^[0-9a-f]{20}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

const founding = {
  name: "Hosting commons",
  purpose: "We host **movements** together.",
  charter: {
    questions: ["Who are you?", "What do you host?"],
    rules: { resolution: { window: "PT3S", quorum: 0.5, threshold: 0.5, block: true } },
    pauseAfterMissed: 2,
  },
};

describe("API networks", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("founds a network, opens a motion, votes, reads the decision record and leaves", {
    timeout: 120_000,
  }, async () => {
    api = await startApi({ env });
    const self = `${api.instance.origin}/actors/provider`;

    const founded = await api.call("POST", "/api/v1/networks", founding);
    expect(founded.status, JSON.stringify(founded.body)).toBe(201);
    const { key } = founded.body;
    expect(key).toMatch(KEY);
    expect(founded.body).toMatchObject({
      id: `${api.instance.origin}/networks/${key}`,
      name: "Hosting commons",
      status: "member",
      members: [{ actor: self, state: "member" }],
      openMotions: 0,
      fork: null,
    });
    expect(founded.body.charter).toMatchObject({
      version: 1,
      purpose: "We host **movements** together.",
      questions: ["Who are you?", "What do you host?"],
      pauseAfterMissed: 2,
      rules: {
        resolution: { window: "PT3S", quorum: 0.5, threshold: 0.5, block: true },
        // A kind the charter does not name gets the default rule.
        expulsion: { window: "P14D", quorum: 0.5, threshold: 0.5, block: true },
      },
    });
    expect(founded.body.charter.digest).toMatch(DIGEST);

    const listed = await api.call("GET", "/api/v1/networks");
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((n: { key: string }) => n.key)).toEqual([key]);

    const opened = await api.call("POST", `/api/v1/networks/${key}/motions`, {
      kind: "resolution",
      text: "Share one status page.",
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const motion = opened.body.key;
    expect(motion).toMatch(KEY);
    expect(opened.body).toMatchObject({
      kind: "resolution",
      subject: null,
      text: "Share one status page.",
      by: self,
      charter: 1,
      state: "open",
      tally: { yes: 0, no: 0, abstain: 0, block: 0, electorate: 1, quorum: 1 },
      ballots: [],
      canVote: true,
    });

    const listedMotions = await api.call("GET", `/api/v1/networks/${key}/motions`);
    expect(listedMotions.body.items.map((m: { key: string }) => m.key)).toEqual([motion]);

    const voted = await api.call("POST", `/api/v1/networks/${key}/motions/${motion}/ballot`, { choice: "yes" });
    expect(voted.status, JSON.stringify(voted.body)).toBe(200);
    expect(voted.body.mine).toMatchObject({ by: self, choice: "yes" });
    expect(voted.body.tally).toMatchObject({ yes: 1, electorate: 1 });
    expect(voted.body.ballots).toMatchObject([{ by: self, choice: "yes" }]);

    // The window closes, the decision settles, and the record gains it.
    const decided = await eventually(
      async () => {
        const res = await api!.call("GET", `/api/v1/networks/${key}/decisions`);
        return res.body.decisions?.length === 2 ? res.body : undefined;
      },
      60_000,
      "the motion to be decided",
    );
    expect(decided.decisions[0]).toMatchObject({ kind: "founded", seq: 0, previous: null, founder: self });
    expect(decided.decisions[1]).toMatchObject({
      kind: "motion",
      seq: 1,
      previous: decided.decisions[0].digest,
      motionKind: "resolution",
      outcome: "passed",
      tally: { yes: 1, no: 0, abstain: 0, block: 0 },
      ballots: [{ by: self, choice: "yes" }],
    });
    expect(decided.head).toBe(decided.decisions[1].digest);
    const closed = await api.call("GET", `/api/v1/networks/${key}/motions`);
    expect(closed.body.items[0]).toMatchObject({ key: motion, state: "passed", canVote: false });

    const left = await api.call("POST", `/api/v1/networks/${key}/leave`);
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body.key).toBe(key);
    // The instance shows it has left at once; the departure is a decision like the others, recorded
    // once it settles.
    expect(left.body.status).toBe("left");
    const record = await eventually(
      async () => {
        const res = await api!.call("GET", `/api/v1/networks/${key}/decisions`);
        return res.body.decisions?.at(-1)?.kind === "left" ? res.body : undefined;
      },
      60_000,
      "the departure to be recorded",
    );
    expect(record.decisions.at(-1)).toMatchObject({ kind: "left", member: self });
    const afterwards = await api.call("GET", "/api/v1/networks");
    expect(afterwards.body.items[0]).toMatchObject({ status: "left", members: [{ actor: self, state: "left" }] });
  });

  it("names every bad field with its code, in the request's language, and writes nothing", async () => {
    api = await startApi({ env });
    const bad = await api.call(
      "POST",
      "/api/v1/networks",
      {
        name: " ",
        charter: {
          questions: "Who are you?",
          rules: { admission: { window: "two weeks", quorum: 2, threshold: 1, block: "yes" }, coffee: {} },
          pauseAfterMissed: -1,
        },
      },
      { "accept-language": "fr" },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("invalid");
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(
      [
        "charter.pauseAfterMissed",
        "charter.questions",
        "charter.rules",
        "charter.rules.admission.block",
        "charter.rules.admission.quorum",
        "charter.rules.admission.threshold",
        "charter.rules.admission.window",
        "name",
      ].sort(),
    );
    expect(bad.body.error.fields.name).toBe("Ce champ est obligatoire.");
    expect(bad.body.error.fields["charter.rules.admission.window"]).toBe(
      "Une durée ISO 8601 en semaines, jours, heures, minutes ou secondes, comme P14D ou PT1H.",
    );

    // Shorter than NETWORK_MIN_WINDOW: the instance's own floor, named on the field.
    const short = await api.call("POST", "/api/v1/networks", {
      name: "Too quick",
      charter: { rules: { resolution: { window: "PT0.5S" } } },
    });
    expect(short.status).toBe(422);
    expect(short.body.error.fields).toEqual({ "charter.rules.resolution.window": "At least PT1S on this instance." });

    const blockWithoutReason = await api.call(
      "POST",
      "/api/v1/networks/0123456789abcdef0123/motions/0123456789abcdef0123/ballot",
      { choice: "block" },
    );
    expect(blockWithoutReason.status).toBe(422);
    expect(blockWithoutReason.body.error.fields).toEqual({
      reason: "A block needs a reason, which every member will see.",
    });
    const motion = await api.call("POST", "/api/v1/networks/0123456789abcdef0123/motions", {
      kind: "coup",
      text: "",
      subject: "not a url",
    });
    expect(motion.status).toBe(422);
    expect(Object.keys(motion.body.error.fields).sort()).toEqual(["kind", "subject", "text"]);
    const join = await api.call("POST", "/api/v1/networks/join", { answers: { "Who are you?": 3 } });
    expect(join.status).toBe(422);
    expect(Object.keys(join.body.error.fields).sort()).toEqual(["answers.Who are you?", "via"]);

    expect((await api.call("GET", "/api/v1/networks")).body.items).toEqual([]);
  });

  it("answers 404 for unknown and malformed keys, translated", async () => {
    api = await startApi({ env });
    const founded = await api.call("POST", "/api/v1/networks", founding);
    const { key } = founded.body;
    const unknown = "0123456789abcdef0123";
    for (const [method, path, body] of [
      ["GET", `/api/v1/networks/${unknown}/motions`],
      ["GET", `/api/v1/networks/${unknown}/decisions`],
      ["POST", `/api/v1/networks/${unknown}/leave`],
      ["POST", `/api/v1/networks/${unknown}/motions`, { kind: "resolution", text: "x" }],
      ["GET", "/api/v1/networks/not-a-key/motions"],
      ["POST", `/api/v1/networks/${key}/motions/${unknown}/ballot`, { choice: "yes" }],
      ["POST", `/api/v1/networks/${key}/motions/NOT-A-KEY/ballot`, { choice: "yes" }],
    ] as const) {
      const res = await api.call(method, path, body, { "accept-language": "de" });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code, `${method} ${path}`).toBe("not_found");
      expect(res.body.error.message, `${method} ${path}`).not.toMatch(/not found/i);
    }
    // Nothing else changed: the network has no motion.
    expect((await api.call("GET", `/api/v1/networks/${key}/motions`)).body.items).toEqual([]);
  });

  it("needs a token, like every route of the API", async () => {
    api = await startApi({ env });
    const res = await fetch(new URL("/api/v1/networks", api.instance.origin));
    expect(res.status).toBe(401);
  });
});
