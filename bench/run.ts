// `npm run bench [section ...]`: every figure as a ratio against a baseline measured in the same run.
// Sections: http, startup, inbox, send, directory, networks, docs, library, watch, aid-offers, group-relay, and on demand only networks-live. Each is
// bounded in requests and time and stops its children.
import "temporal-polyfill/global";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { benchAidOffers } from "./aid-offers.ts";
import { benchDocs } from "./docs.ts";
import { benchGroupRelay } from "./group-relay.ts";
import { benchHttp } from "./http.ts";
import { benchInbox } from "./inbox.ts";
import { benchLibrary } from "./library.ts";
import { benchNetworks } from "./networks.ts";
import { benchNetworksLive } from "./networks-live.ts";
import { benchSend } from "./send.ts";
import { benchStartup } from "./startup.ts";
import { benchWatch } from "./watch.ts";
import { formatFigures, type Figure } from "./lib/stats.ts";

const sections: Record<string, { title: string; run: () => Promise<Figure[]>; onDemand?: boolean }> = {
  http: { title: "Actor and WebFinger GET vs bare Hono", run: benchHttp },
  inbox: { title: "Signed inbox deliveries processed", run: benchInbox },
  send: { title: "sendActivity to followers (fan-out queued)", run: benchSend },
  startup: { title: "Cold start and idle memory vs bare Hono", run: benchStartup },
  directory: { title: "Directory search over 5,000 providers (bench/directory.ts)", run: benchDirectory },
  networks: { title: "Networks: proofs, tallies and anti-entropy (bench/networks.ts)", run: benchNetworks },
  docs: { title: "Shared documents: diffs of 50 KB revisions (bench/docs.ts)", run: benchDocs },
  library: { title: "Library search over 20,000 documents vs bare Hono (bench/library.ts)", run: benchLibrary },
  watch: { title: "Mutual aid: health verdicts and the probe schedule (bench/watch.ts)", run: benchWatch },
  "aid-offers": {
    title: "Mutual aid listing over 10,000 open offers and requests vs bare Hono (bench/aid-offers.ts)",
    run: benchAidOffers,
  },
  "group-relay": {
    title: "A working group relays one post to 200 members (bench/group-relay.ts)",
    run: benchGroupRelay,
  },
  // Ten instances at once: only when named.
  "networks-live": {
    title: "Networks: ten real instances decide a motion (bench/networks-live.ts)",
    run: benchNetworksLive,
    onDemand: true,
  },
};

/** The directory bench is a script of its own (it prints its tables); run it as a child. */
function benchDirectory(): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "directory.ts")], { stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve([]) : reject(new Error(`bench/directory.ts exited with ${code}`)),
    );
  });
}

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(sections).filter((name) => !sections[name]?.onDemand);
const out = (s: string) => process.stdout.write(`${s}\n`);
out(`# Commonhost bench — ${new Date().toISOString()} — Node ${process.version}`);
let missed = 0;
for (const name of names) {
  const section = sections[name];
  if (!section) throw new Error(`unknown section ${name}; known: ${Object.keys(sections).join(", ")}`);
  const started = performance.now();
  const figures = await section.run();
  missed += figures.filter((f) => !f.pass).length;
  out(formatFigures(`${section.title} (${((performance.now() - started) / 1000).toFixed(0)} s)`, figures));
}
out(`\n${missed === 0 ? "All targets met." : `${missed} target(s) missed.`}`);
