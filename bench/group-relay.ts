// A working group relaying one member's post to 200 members (bench/run.ts section `group-relay`): a group
// hosted by an instance on PostgreSQL (PGlite when BENCH_DATABASE_URL=skip), its 200 members' inboxes on
// ten fake servers on loopback (twenty distinct inboxes each, no shared inbox) that count every request.
// One member (a sender of our own, with a real RSA key) posts a public note addressed to the group to the
// group's inbox, signed. Figures: the inbox's answer time against a baseline of the same run, the same
// kind of note not addressed to the group (nothing relayed) posted to the same inbox; the requests each
// member inbox received per post (exactly one expected: none missing, none duplicated); and the time
// from the post until every one of the 200 inboxes has the group's Announce (reported, not a target).
import { createServer, type Server as HttpServer } from "node:http";
import { groupFollowers } from "../src/db/schema/index.ts";
import { createGroup } from "../src/domain/groups/groups.ts";
import { freePort } from "../test/helpers/free-port.ts";
import { benchDatabase } from "./lib/databases.ts";
import { benchDatabaseUrl, quick } from "./lib/env.ts";
import { sleep, startServer } from "./lib/processes.ts";
import { startSender } from "./lib/sender.ts";
import { serveArgs } from "./lib/serve-command.ts";
import { type Figure, median } from "./lib/stats.ts";

const MEMBERS = 200;
const HOSTS = 10;
const POSTS = quick ? 3 : 6;
/** Posts that relay nothing, timed between the relayed ones. */
const BASELINE_PER_POST = 4;
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

/** Fake member inboxes: the objects of the activities each inbox received, in order. */
type Inboxes = { received: Map<string, string[]>; origins: string[]; close(): Promise<void> };

async function fakeInboxes(): Promise<Inboxes> {
  const received = new Map<string, string[]>();
  const servers: HttpServer[] = [];
  const origins: string[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const port = await freePort();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = `http://127.0.0.1:${port}${req.url}`;
        if (req.method === "POST") {
          let object = "?";
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString()) as { object?: string | { id?: string } };
            object = typeof body.object === "string" ? body.object : (body.object?.id ?? "?");
          } catch {
            // counted all the same
          }
          received.set(url, [...(received.get(url) ?? []), object]);
        }
        res.writeHead(req.method === "POST" ? 202 : 404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    servers.push(server);
    origins.push(`http://127.0.0.1:${port}`);
  }
  return {
    received,
    origins,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => {}),
  };
}

export async function benchGroupRelay(): Promise<Figure[]> {
  const url = benchDatabaseUrl();
  const kind = url ? "postgres" : "pglite";
  const database = await benchDatabase(kind, url);
  const inboxes = await fakeInboxes();
  const sender = await startSender("member");
  const memberInboxes = Array.from({ length: MEMBERS }, (_, i) => `${inboxes.origins[i % HOSTS]}/users/m${i}/inbox`);
  const db = await database.open();
  try {
    const group = await createGroup(db.db, {
      handle: "infra",
      name: "Shared infrastructure",
      purpose: "Run a shared backup service.",
      network: "https://n.example/networks/n",
    });
    if (!group.ok) throw new Error("could not found the group");
    // The sender is member 0 (its copy of the Announce goes to the first fake inbox); the others are made up.
    await db.db.insert(groupFollowers).values(
      memberInboxes.map((inbox, i) => ({
        groupId: group.value.id,
        actorUri: i === 0 ? sender.actorUri : inbox.replace(/\/inbox$/, ""),
        followId: `${inbox}#follow`,
        inbox,
        sharedInbox: null,
        role: "member" as const,
      })),
    );
  } finally {
    await db.close();
  }
  const instance = await startServer({
    args: serveArgs(),
    env: { ...database.env, ALLOW_PRIVATE_ADDRESS: "true" },
    timeoutMs: 120_000,
  });
  try {
    const groupUri = `${instance.origin}/actors/infra`;
    const groupInbox = `${groupUri}/inbox`;
    let notes = 0;
    const post = async (toGroup: boolean): Promise<{ ms: number; note: string }> => {
      const note = `${sender.actorUri}/notes/${notes++}`;
      const to = toGroup ? [PUBLIC, groupUri] : [PUBLIC];
      const request = await sender.sign(groupInbox, {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${note}/activity`,
        type: "Create",
        actor: sender.actorUri,
        to,
        object: { id: note, type: "Note", attributedTo: sender.actorUri, to, content: "Backups moved tonight." },
      });
      const started = performance.now();
      const res = await fetch(request);
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status !== 202) throw new Error(`the group's inbox answered ${res.status}`);
      return { ms, note };
    };
    const holding = (note: string) => memberInboxes.filter((i) => inboxes.received.get(i)?.includes(note)).length;
    // Warm-up, not counted: the sender's key is fetched and kept; one relay runs through.
    for (let i = 0; i < 3; i++) await post(false);
    const warm = await post(true);
    for (const deadline = performance.now() + 120_000; holding(warm.note) < MEMBERS; await sleep(20))
      if (performance.now() > deadline) throw new Error("the warm-up relay did not reach every member");

    const baseline: number[] = [];
    const answered: number[] = [];
    /** Inboxes already holding the post when its POST was answered: 0 when the fan-out is left to the queue. */
    let heldAtAnswer = 0;
    const delivered: number[] = [];
    const relayed: string[] = [warm.note];
    for (let p = 0; p < POSTS; p++) {
      for (let b = 0; b < BASELINE_PER_POST; b++) baseline.push((await post(false)).ms);
      const started = performance.now();
      const { ms, note } = await post(true);
      answered.push(ms);
      heldAtAnswer += holding(note);
      relayed.push(note);
      for (const deadline = started + 120_000; holding(note) < MEMBERS; await sleep(5))
        if (performance.now() > deadline) throw new Error(`post ${p}: ${holding(note)} of ${MEMBERS} inboxes reached`);
      delivered.push(performance.now() - started);
    }
    // Late duplicates (a retry, a second queue message) would arrive now.
    await sleep(3000);
    const perInbox = memberInboxes.map((i) => inboxes.received.get(i) ?? []);
    const requests = perInbox.reduce((n, r) => n + r.length, 0);
    const duplicated = perInbox.filter((r) => new Set(r).size !== r.length).length;
    const stray = perInbox.flat().filter((o) => !relayed.includes(o)).length;
    const expected = MEMBERS * relayed.length;
    const [base, answer, all] = [median(baseline), median(answered), median(delivered)];
    const on = `${MEMBERS} members on ${HOSTS} hosts, ${kind}`;
    return [
      {
        name: `group inbox answers a relayed post (${on})`,
        ratio: answer / base,
        value: answer,
        unit: "ms",
        baseline: `post relaying nothing ${base.toFixed(2)} ms; ${heldAtAnswer} inboxes reached before the answer`,
        target: "at once: ≤ 2×, 0 reached",
        pass: answer <= 2 * base && heldAtAnswer === 0,
      },
      {
        name: `requests per member inbox per post (${relayed.length} posts)`,
        ratio: requests / expected,
        value: requests / relayed.length / MEMBERS,
        unit: "req",
        baseline: `${requests} of ${expected} expected; ${duplicated} inboxes with a duplicate; ${stray} stray`,
        target: "≤ 1, none missing",
        pass: requests === expected && duplicated === 0 && stray === 0,
      },
      {
        name: `post until all ${MEMBERS} inboxes hold the Announce`,
        ratio: all / base,
        value: all,
        unit: "ms",
        baseline: "× post relaying nothing",
        target: "reported",
        pass: true,
      },
    ];
  } finally {
    await instance.stop();
    await sender.stop();
    await inboxes.close();
    await database.drop();
  }
}
