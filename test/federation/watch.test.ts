// The health watch between real instances on 127.0.0.1: A, B, C and D form a network and probe each
// other every two seconds, sending one signed report batch per round to the others. A's two declared
// services are judged one by one (one answers, one does not); B's directory shows A's health. All see
// each other up; D stops: A, B and C each call it down only with at least k = 3 (the charter's) other members' failing reports
// behind the verdict, and up again after it returns. E, outside the network, and a member forging
// another's batch, or sending a malformed one, are refused at the inbox and change nothing.
import { afterEach, describe, expect, it } from "vitest";
import { reportObject } from "../../src/federation/aid/report-document.ts";
import { signDocument } from "../../src/federation/networks/proof.ts";
import { heldNetworksRuntime } from "../../src/federation/networks/runtime.ts";
import { eventually } from "../helpers/instance.ts";
import { charter, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { signedRequest } from "../helpers/signed-post.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

/** Generous: a verdict needs a few rounds of two seconds, and deliveries on a loaded machine. */
const VERDICT_WITHIN_MS = 90_000;

const watchOn = async (node: Node, key: string): Promise<Json> => {
  const res = await node.call("GET", `/api/v1/watch?network=${key}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.networks[0];
};
const memberOn = async (node: Node, key: string, actor: string): Promise<Json | undefined> =>
  (await watchOn(node, key))?.members.find((m: Json) => m.actor === actor);

describe("the health watch", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => {
    await stopNodes(nodes);
  });

  it("calls a stopped member down after k members' reports, up once back, and refuses others' reports", async () => {
    nodes = await startNodes(5, { env: { WATCH_INTERVAL: "PT2S" } });
    const [a, b, c, d, e] = nodes as [Node, Node, Node, Node, Node];
    const members = [a, b, c, d];
    // The charter asks for three members' failing reports (k = 3) rather than the default two.
    const key = await networkOf(members, { ...charter(), watch: { k: 3 } } as ReturnType<typeof charter>);

    // A declares two services with a check URL: one that answers, one that does not (404). B, C and D
    // hold A's profile as peers, so they probe both as well as A's health endpoint.
    const current = await a.call("GET", "/api/v1/profile");
    const service = (kind: string, check: string) => ({
      kind,
      price: { model: "free" },
      availability: "open",
      supportLanguages: [],
      check,
    });
    const put = await a.call("PUT", "/api/v1/profile", {
      name: current.body.name,
      profile: {
        ...current.body.profile,
        services: [service("email", `${a.origin}/healthz`), service("web-hosting", `${a.origin}/no-such-page`)],
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    for (const n of [b, c, d]) expect((await n.call("POST", "/api/v1/peers", { target: a.actor })).status).toBe(201);
    await eventually(
      async () => {
        for (const n of [b, c, d]) {
          const services = (await memberOn(n, key, a.actor))?.services ?? [];
          const status = Object.fromEntries(services.map((x: Json) => [x.service, x.status]));
          if (status.health !== "up" || status["email#0"] !== "up" || status["web-hosting#1"] !== "down") return false;
        }
        return true;
      },
      VERDICT_WITHIN_MS,
      "A's services judged one by one on B, C and D",
    );
    expect((await memberOn(a, key, a.actor)).status).toBe("up");
    // B's directory shows A, a fellow member, with its health.
    const listed = await b.call("GET", "/api/v1/directory");
    expect(listed.status).toBe(200);
    const entry = listed.body.results.find((r: Json) => r.actorUri === a.actor);
    expect(entry).toMatchObject({ member: true, health: { status: "up" } });
    expect(entry.health.verdictAt).toMatch(/^\d{4}-/);
    expect(await (await fetch(`${b.origin}/directory`)).text()).toContain('<small class="state state-up">');

    // Everyone sees everyone else up, from the others' reports.
    await eventually(
      async () => {
        for (const n of members)
          for (const m of members) if ((await memberOn(n, key, m.actor))?.status !== "up") return false;
        return true;
      },
      VERDICT_WITHIN_MS,
      "every member up on every member",
    );
    const watched = await watchOn(a, key);
    expect(watched.reporters).toBe(3);
    expect(watched.members.map((m: Json) => m.actor).sort()).toEqual(members.map((m) => m.actor).sort());
    const upD = await memberOn(a, key, d.actor);
    expect(upD.services.map((s: Json) => s.service)).toEqual(["health"]);
    expect(upD.services[0].reports.every((r: Json) => r.reporter !== d.actor)).toBe(true);
    expect(upD.services[0].uptime).toHaveLength(30);
    expect(upD.verdictAt).not.toBeNull();
    // The network's public page shows each member's status and a strip per checked service, without script.
    const page = await (await fetch(`${a.origin}/networks/${key}`)).text();
    expect(page).toContain('id="watch-title"');
    expect(page.match(/<li data-status="up">/g)).toHaveLength(4);
    expect(page.match(/<svg [^>]*role="img"/g)).toHaveLength(6);
    expect(page).not.toContain("<script");

    // E, not a member, sends B a report batch saying A fails, signed as it should be: refused, nothing kept.
    const rtE = heldNetworksRuntime(e.instance.services);
    const selfE = await rtE?.self();
    if (!selfE) throw new Error("E has no networks runtime");
    const send = async (to: Node, from: Node, object: Json) => {
      const activity = { "@context": object["@context"], id: `${from.actor}#w${Date.now()}`, type: "Create" };
      const body = JSON.stringify({ ...activity, actor: from.actor, to: [to.actor], object });
      const key = from === e ? selfE.httpKey : (await heldNetworksRuntime(from.instance.services)?.self())?.httpKey;
      if (!key) throw new Error("no key");
      return fetch(await signedRequest(`${to.origin}/actors/${to.handle}/inbox`, body, key));
    };
    const now = Date.now();
    const lie = (reporter: string) => ({
      reporter,
      round: now - 2000,
      at: now,
      checks: [{ subject: a.actor, service: "health" }],
      status: "0",
    });
    const outsider = await send(b, e, await signDocument(reportObject(lie(e.actor), watched.id), selfE.signer));
    expect(outsider.status).toBe(403);
    expect(JSON.stringify(await outsider.json())).toContain("not a current member");

    // C, a member, forging D's batch, or sending a malformed one of its own: refused too.
    const selfC = await heldNetworksRuntime(c.instance.services)?.self();
    if (!selfC) throw new Error("C has no networks runtime");
    const forged = await send(b, c, await signDocument(reportObject(lie(d.actor), watched.id), selfC.signer));
    expect(forged.status).toBe(403);
    const malformed = await signDocument(
      { ...reportObject(lie(c.actor), watched.id), report: { ...lie(c.actor) } },
      selfC.signer,
    );
    const bad = await send(b, c, malformed);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("report");
    const unsigned = await send(b, c, reportObject(lie(c.actor), watched.id));
    expect(unsigned.status).toBe(403);
    const onB = await memberOn(b, key, a.actor);
    expect(onB.status).toBe("up");
    expect(onB.services[0].reports.map((r: Json) => r.reporter)).not.toContain(e.actor);

    // D stops: each other member calls it down, and only with k = 2 other members' failures behind it.
    await d.restart(async () => {
      for (const n of [a, b, c]) {
        const failingOn = (m: Json) =>
          new Set(m.services[0].reports.filter((r: Json) => r.status === "fail").map((r: Json) => r.reporter));
        // The verdict holds until D is back, while the reports shown are each reporter's latest within the
        // window: on a busy machine one may fall out of it between rounds, so both are awaited together.
        const down = await eventually(
          async () => {
            const m = await memberOn(n, key, d.actor);
            return m?.status === "down" && failingOn(m).size >= 3 ? m : undefined;
          },
          VERDICT_WITHIN_MS,
          `D down on ${n.handle}, with three failing reports`,
        );
        const failing = failingOn(down);
        expect(failing.has(d.actor)).toBe(false);
        expect([...failing].every((r) => [a.actor, b.actor, c.actor].includes(r as string))).toBe(true);
        const shown = await (await fetch(`${n.origin}/networks/${key}`)).text();
        expect(shown.match(/<li data-status="down">/g)).toHaveLength(1);
        // The others are still up.
        for (const m of [a, b, c]) expect((await memberOn(n, key, m.actor))?.status).toBe("up");
      }
    });

    // Back: D is up again on every other member, its strip showing some time down today.
    for (const n of [a, b, c]) {
      const back = await eventually(
        async () => {
          const m = await memberOn(n, key, d.actor);
          return m?.status === "up" ? m : undefined;
        },
        VERDICT_WITHIN_MS,
        `D up again on ${n.handle}`,
      );
      const today = back.services[0].uptime.at(-1);
      expect(today.up).toBeLessThan(1);
      expect(back.services[0].reports.filter((r: Json) => r.status === "ok").length).toBeGreaterThanOrEqual(3);
    }
  });
});
