// Several complete instances on 127.0.0.1 that found, join and govern networks through the operator
// API, as operators and scripts do (`/api/v1/networks…`). Each may reach only the others' origins on
// loopback (ALLOW_PRIVATE_ORIGINS), with windows of seconds and fast settling and anti-entropy.
import { expect } from "vitest";
import { queueStatus } from "../../src/db/queue-admin.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { callApi, type ApiResponse } from "../api/api-client.ts";
import { eventually, freePort, startInstance, stopAll, type TestInstance } from "./instance.ts";

/** The voting window every rule of the test charter sets: long enough for a loaded machine to vote in. */
export const WINDOW = "PT10S";
/** How long the tests wait for something that takes a window, a settlement and a few sync rounds. */
export const DECIDED_WITHIN_MS = 90_000;
/** How long the tests wait for a delivery or a sync round. */
export const DELIVERED_WITHIN_MS = 45_000;

export const QUESTION = "Which movements do you host, and how are you governed?";

const HANDLES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];

export type Node = {
  readonly handle: string;
  /** The provider's actor URI. */
  readonly actor: string;
  readonly origin: string;
  readonly token: string;
  /** The running instance (replaced by restart()). */
  instance: TestInstance;
  call(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Stops the instance and starts it again on the same database and port; whileDown runs in between. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
};

export type StartNodesOptions = { env?: Record<string, string>; queue?: boolean };

/** The settings of a network test instance: windows of seconds, settling and anti-entropy every second. */
export function networkEnv(origins: readonly string[]): Record<string, string> {
  return {
    ALLOW_PRIVATE_ADDRESS: "false",
    ALLOW_PRIVATE_ORIGINS: origins.join(","),
    NETWORK_MIN_WINDOW: "PT5S",
    // Longer than a tick (1 s, when closings are issued) plus a delivery: a decision shown is not revised.
    NETWORK_SETTLE: "PT3S",
    NETWORK_SYNC_INTERVAL: "PT1S",
    QUEUE_POLL_MS: "50",
    DELIVERY_RETRY_INITIAL_MS: "250",
  };
}

/** Starts n instances (alpha, beta, gamma…), each with its provider set up and an API token. */
export async function startNodes(n: number, options: StartNodesOptions = {}): Promise<Node[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const origins = ports.map((p) => `http://127.0.0.1:${p}`);
  const nodes: Node[] = [];
  try {
    for (const [i, port] of ports.entries()) {
      const handle = HANDLES[i] ?? `provider${i}`;
      const instance = await startInstance({
        handle,
        name: `${handle[0]!.toUpperCase()}${handle.slice(1)} Hosting`,
        port,
        queue: options.queue ?? true,
        env: { ...networkEnv(origins), ...options.env },
      });
      nodes.push(await nodeOf(instance, handle));
    }
  } catch (error) {
    await stopNodes(nodes);
    throw error;
  }
  return nodes;
}

async function nodeOf(started: TestInstance, handle: string): Promise<Node> {
  const created = await createToken(started.services.database.db, "network tests");
  if (!created.ok) throw new Error("token creation failed");
  const token = created.value.token;
  const node: Node = {
    handle,
    actor: `${started.origin}/actors/${handle}`,
    origin: started.origin,
    token,
    instance: started,
    call: (method, path, body) => callApi(started.origin, token, method, path, body),
    async restart(whileDown) {
      node.instance = await node.instance.restart(whileDown);
    },
  };
  return node;
}

export async function stopNodes(nodes: readonly (Node | undefined)[] | undefined): Promise<void> {
  await stopAll(...(nodes ?? []).map((n) => n?.instance));
}

export type Rule = { window: string; quorum: number; threshold: number; block: boolean };
export const KINDS = ["admission", "suspension", "reinstatement", "expulsion", "amendment", "resolution"] as const;
export type Kind = (typeof KINDS)[number];

/** The test charter: every kind decided in WINDOW by half the electorate, a majority, blocks stop. */
export function charter(overrides: Partial<Record<Kind, Partial<Rule>>> = {}) {
  const rules = Object.fromEntries(
    KINDS.map((k) => [k, { window: WINDOW, quorum: 0.5, threshold: 0.5, block: true, ...overrides[k] }]),
  ) as Record<Kind, Rule>;
  return { questions: [QUESTION], rules, pauseAfterMissed: 3 } as {
    questions: string[];
    rules: Record<Kind, Rule>;
    pauseAfterMissed: number;
    /** Who may speak for a member in an emergency (left out: the default, agreement partners). */
    onBehalf?: "partners" | "members";
  };
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

/** Founds a network on a node through the API; returns the body of the 201. */
export async function found(node: Node, name = "Tech Co-ops", rules = charter()): Promise<Json> {
  const res = await node.call("POST", "/api/v1/networks", {
    name,
    purpose: "Hosting for social movements, run by the people it serves.",
    charter: rules,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** This node's view of a network (from `GET /api/v1/networks`), or undefined. */
export async function networkOn(node: Node, key: string): Promise<Json | undefined> {
  const res = await node.call("GET", "/api/v1/networks");
  if (res.status !== 200) return undefined;
  const list: Json[] = Array.isArray(res.body) ? res.body : (res.body.items ?? res.body.networks ?? []);
  return list.find((n) => n.key === key);
}

export async function motionsOn(node: Node, key: string): Promise<Json[]> {
  const res = await node.call("GET", `/api/v1/networks/${key}/motions`);
  if (res.status !== 200) throw new Error(`motions on ${node.handle}: ${res.status} ${JSON.stringify(res.body)}`);
  return Array.isArray(res.body) ? res.body : (res.body.items ?? res.body.motions);
}

export async function motionOn(node: Node, key: string, motionKey: string): Promise<Json | undefined> {
  return (await motionsOn(node, key)).find((m) => m.key === motionKey);
}

export async function decisionsOn(node: Node, key: string): Promise<{ head: string | null; decisions: Json[] }> {
  const res = await node.call("GET", `/api/v1/networks/${key}/decisions`);
  if (res.status !== 200) throw new Error(`decisions on ${node.handle}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Applies through a member: `via` is the member's actor URL. Returns the 202's body. */
export async function join(applicant: Node, via: Node, key: string): Promise<Json> {
  const res = await applicant.call("POST", "/api/v1/networks/join", {
    via: via.actor,
    network: key,
    answers: { [QUESTION]: `${applicant.handle}: tenants' unions; a general assembly each month.` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.key).toBe(key);
  return res.body;
}

export async function vote(node: Node, key: string, motionKey: string, choice: string, reason?: string) {
  const res = await node.call("POST", `/api/v1/networks/${key}/motions/${motionKey}/ballot`, {
    choice,
    ...(reason ? { reason } : {}),
  });
  expect(res.status, `${node.handle}'s ballot: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** Opens a motion through a member's API; returns the 201's body (with its key). */
export async function propose(node: Node, key: string, motion: Record<string, unknown>): Promise<Json> {
  const res = await node.call("POST", `/api/v1/networks/${key}/motions`, motion);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Waits until a motion is listed on a node (delivered, or fetched by anti-entropy). */
export function motionArrives(node: Node, key: string, motionKey: string): Promise<Json> {
  return eventually(() => motionOn(node, key, motionKey), DELIVERED_WITHIN_MS, `${node.handle} to hold ${motionKey}`);
}

/** Waits until a node lists an open motion about a subject (an admission opened by an application). */
export function openMotionAbout(node: Node, key: string, subject: string, kind = "admission"): Promise<Json> {
  return eventually(
    async () =>
      (await motionsOn(node, key)).find((m) => m.subject === subject && m.kind === kind && m.state === "open"),
    DELIVERED_WITHIN_MS,
    `${node.handle} to list the ${kind} of ${subject}`,
  );
}

/** Waits until a motion is decided on a node; returns the motion as that node lists it. */
export function decided(node: Node, key: string, motionKey: string): Promise<Json> {
  return eventually(
    async () => {
      const m = await motionOn(node, key, motionKey);
      return m && m.state !== "open" ? m : undefined;
    },
    DECIDED_WITHIN_MS,
    `${node.handle} to decide ${motionKey}`,
  );
}

/** Waits until a node's status in a network is the one given. */
export function statusOn(node: Node, key: string, status: string): Promise<Json> {
  let seen: unknown;
  return eventually(
    async () => {
      const n = await networkOn(node, key);
      seen = n?.status;
      return n?.status === status ? n : undefined;
    },
    DECIDED_WITHIN_MS,
    `${node.handle} to be ${status}`,
  ).catch((error: Error) => {
    throw new Error(`${error.message} (last seen: ${String(seen)})`);
  });
}

/** The state of an actor in a node's member list (undefined when it is not listed). */
export async function memberState(node: Node, key: string, actor: string): Promise<string | undefined> {
  return (await networkOn(node, key))?.members.find((m: { actor: string }) => m.actor === actor)?.state;
}

/**
 * Waits until every node's decision record has the same head and satisfies `until` (for instance:
 * holds a given number of decisions); returns the record as the first node holds it.
 */
export async function agree(
  nodes: readonly Node[],
  key: string,
  until: (record: { head: string | null; decisions: Json[] }) => boolean = () => true,
): Promise<{ head: string; decisions: Json[] }> {
  let last = "";
  return eventually(
    async () => {
      const records = await Promise.all(nodes.map((n) => decisionsOn(n, key)));
      last = records.map((r, i) => `${nodes[i]!.handle}: ${r.head} (${r.decisions.length})`).join(", ");
      const [first] = records;
      if (!first?.head || !records.every((r) => r.head === first.head && until(r))) return undefined;
      return first as { head: string; decisions: Json[] };
    },
    DECIDED_WITHIN_MS,
    `every decision record to agree`,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen ${last}`);
  });
}

/** The last decision about a motion in a record (by the motion's id or digest). */
export function decisionAbout(record: { decisions: Json[] }, motion: Json): Json | undefined {
  return record.decisions.find(
    (d) =>
      d.kind === "motion" &&
      (d.motion === motion.id || d.motion === motion.digest || motion.id?.endsWith(hexOf(d.motion))),
  );
}

/** The hex of a digest (`sha256:<hex>`) or of a document id (`…/objects/<hex>`). */
export function hexOf(digestOrId: string): string {
  return digestOrId.replace(/^.*[/:]/, "");
}

/**
 * Admits an applicant through a member: the applicant applies, every voter votes yes once the
 * motion reaches it, and the applicant is a member on every node given in `everyone`.
 */
export async function admit(
  key: string,
  applicant: Node,
  via: Node,
  voters: readonly Node[],
  everyone: readonly Node[],
): Promise<Json> {
  await join(applicant, via, key);
  const motion = await openMotionAbout(via, key, applicant.actor);
  for (const voter of voters) {
    await motionArrives(voter, key, motion.key);
    await vote(voter, key, motion.key, "yes");
  }
  await statusOn(applicant, key, "member");
  for (const node of everyone)
    await eventually(
      async () => (await memberState(node, key, applicant.actor)) === "member",
      DECIDED_WITHIN_MS,
      `${node.handle} to list ${applicant.handle} as a member`,
    );
  return motion;
}

/** Founds a network on nodes[0] and admits every other node through it (in one window). */
export async function networkOf(nodes: readonly Node[], rules = charter()): Promise<string> {
  const [founder, ...others] = nodes;
  if (!founder) throw new Error("no founder");
  const { key } = await found(founder, "Tech Co-ops", rules);
  for (const applicant of others) await join(applicant, founder, key);
  for (const applicant of others) {
    const motion = await openMotionAbout(founder, key, applicant.actor);
    await vote(founder, key, motion.key, "yes");
  }
  for (const applicant of others) await statusOn(applicant, key, "member");
  await agree(nodes, key, (r) => r.decisions.length === nodes.length);
  return key;
}

/** What a refused input must not change: each node's head, and its tally and counted ballots of a motion. */
export async function snapshot(nodes: readonly Node[], key: string, motionKey: string): Promise<Json[]> {
  return Promise.all(
    nodes.map(async (n) => {
      const m = await motionOn(n, key, motionKey);
      return { node: n.handle, head: (await decisionsOn(n, key)).head, tally: m?.tally, ballots: m?.ballots };
    }),
  );
}

/** Waits until a node's queue is empty: every delivery it had to make, retries included, is done. */
export function quiet(node: Node): Promise<boolean> {
  return eventually(
    async () => (await queueStatus(node.instance.services.database)).queued === 0,
    DELIVERED_WITHIN_MS,
    `${node.handle}'s queue to drain`,
  );
}
