// `commonhost network`: the networks this instance is in, through the running server's operator API
// (founding, joining, motions and ballots are signed and sent by the server, so the command line asks it).
import { readFileSync } from "node:fs";
import { err, out, printable, type Command } from "./command.ts";
import {
  type ApiDecision,
  type ApiMotion,
  type ApiNetwork,
  apiErrorLines,
  decisionLine,
  motionLines,
  networkLines,
  tallyText,
} from "./network-output.ts";
import { callApi } from "./server-api.ts";

const usage = [
  "commonhost network list",
  "commonhost network found --name NAME [--purpose TEXT] [--charter FILE.json]",
  "commonhost network join MEMBER [--network KEY] [--answers FILE.json]",
  "commonhost network motions KEY",
  "commonhost network motions KEY open --kind KIND --text TEXT [--subject ACTOR] [--until INSTANT] [--charter FILE.json]",
  "commonhost network vote KEY MOTION yes|no|abstain|block [--reason TEXT]",
  "commonhost network decisions KEY",
  "commonhost network leave KEY",
].join("\n       ");

const KEY = /^[0-9a-f]{20}$/;
const ACTIONS = ["list", "found", "join", "motions", "vote", "decisions", "leave"];
/** The options each action takes (besides --token and --json). */
const OPTIONS: Record<string, string[]> = {
  found: ["name", "purpose", "charter"],
  join: ["network", "answers"],
  motions: ["kind", "text", "subject", "until", "charter"],
  vote: ["reason"],
};

class UsageError extends Error {}

/** A JSON file given on the command line, or a usage error saying why it cannot be read. */
function jsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`Cannot read the ${what} file "${printable(path, 200)}".`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`The ${what} file "${printable(path, 200)}" is not valid JSON.`);
  }
}

export const networkCommand: Command = {
  summary: "Networks of providers: list, found, join, motions, vote, decisions, leave (asks the running server).",
  usage,
  options: {
    name: { type: "string", description: "With found: the network's name." },
    purpose: { type: "string", description: "With found: its purpose (markdown)." },
    charter: {
      type: "string",
      description: "With found, or an amendment: a JSON file with questions, rules and pauseAfterMissed.",
    },
    network: { type: "string", description: "With join: the network's key or id (when the member is in several)." },
    answers: { type: "string", description: 'With join: a JSON file of answers, {"question": "answer"}.' },
    kind: { type: "string", description: "With motions … open: suspension, reinstatement, expulsion, amendment…" },
    text: { type: "string", description: "With motions … open: what is proposed." },
    subject: { type: "string", description: "With motions … open: the member concerned (actor URL)." },
    until: { type: "string", description: "With motions … open: a suspension's end (ISO 8601 instant)." },
    reason: { type: "string", description: "With vote: why (required with block; every member sees it)." },
    json: { type: "boolean", description: "Print the server's JSON answer instead of lines." },
    token: {
      type: "string",
      description: "An operator API token (or set COMMONHOST_TOKEN); `commonhost token create` makes one.",
    },
  },
  async run({ values, positionals, config }) {
    const [action, ...args] = positionals;
    const usageError = (message: string) => {
      err(`${message}\nUsage: ${usage}`);
      return 2;
    };
    if (!action) return usageError("network needs an action.");
    if (!ACTIONS.includes(action)) return usageError(`Unknown network action "${printable(action, 40)}".`);
    const allowed = OPTIONS[action] ?? [];
    const stray = Object.keys(values).filter(
      (k) => values[k] !== undefined && !["token", "json", "help"].includes(k) && !allowed.includes(k),
    );
    if (stray.length) return usageError(`--${stray[0]} does not go with ${action}.`);
    const string = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
    const cfg = config();
    const token = string("token") ?? cfg.cliToken;
    if (!token)
      return usageError(
        "network asks the running server: give an operator API token with --token TOKEN or COMMONHOST_TOKEN.",
      );
    const asJson = values.json === true;

    /** Calls the API; on an error prints it and gives the exit code. */
    const call = async (method: string, path: string, body?: unknown): Promise<{ json: unknown } | number> => {
      const { status, json } = await callApi(cfg, token, method, path, body);
      if (status >= 200 && status < 300) return { json };
      if (status === 404 && path.startsWith("/networks/"))
        err(
          `No network has the key ${printable(path.split("/")[2] ?? "", 40)}${path.includes("/motions/") ? ", or it has no such motion" : ""}. \`commonhost network list\` lists them.`,
        );
      else for (const line of apiErrorLines(status, json)) err(line);
      return 1;
    };
    const keyArg = (i: number, what = "network") => {
      const key = args[i];
      if (!key) throw new UsageError(`${action} needs the ${what}'s key.`);
      if (!KEY.test(key))
        throw new UsageError(`"${printable(key, 40)}" is not a ${what} key (20 hex digits, as the lists show).`);
      return key;
    };
    const expectArgs = (n: number) => {
      if (args.length > n)
        throw new UsageError(
          `Unexpected arguments: ${args
            .slice(n)
            .map((a) => printable(a, 40))
            .join(" ")}.`,
        );
    };

    try {
      if (action === "list") {
        expectArgs(0);
        const answer = await call("GET", "/networks");
        if (typeof answer === "number") return answer;
        if (asJson) return printJson(answer.json);
        const items = (answer.json as { items: ApiNetwork[] }).items;
        if (items.length === 0) out("This instance is in no network.");
        for (const n of items) for (const line of networkLines(n)) out(line);
        return 0;
      }

      if (action === "found") {
        expectArgs(0);
        const name = string("name");
        if (!name) throw new UsageError("found needs --name.");
        const charterPath = string("charter");
        const body = {
          name,
          purpose: string("purpose") ?? "",
          ...(charterPath ? { charter: jsonFile(charterPath, "charter") } : {}),
        };
        const answer = await call("POST", "/networks", body);
        if (typeof answer === "number") return answer;
        if (asJson) return printJson(answer.json);
        const n = answer.json as ApiNetwork;
        out(`Founded ${printable(n.name, 80)}: key ${n.key}, id ${n.id}`);
        return 0;
      }

      if (action === "join") {
        const via = args[0];
        if (!via) throw new UsageError("join needs the member to go through (@handle@host or its actor URL).");
        expectArgs(1);
        const answersPath = string("answers");
        const answers = answersPath ? jsonFile(answersPath, "answers") : {};
        const body = { via, answers, ...(string("network") ? { network: string("network") } : {}) };
        const answer = await call("POST", "/networks/join", body);
        if (typeof answer === "number") return answer;
        if (asJson) return printJson(answer.json);
        const n = answer.json as ApiNetwork;
        out(
          `Application to ${printable(n.name, 80)} (key ${n.key}) sent through ${printable(via)}; its members vote on it.`,
        );
        return 0;
      }

      if (action === "motions") {
        const key = keyArg(0);
        if (args[1] === "open") {
          expectArgs(2);
          const kind = string("kind");
          const text = string("text");
          if (!kind || !text) throw new UsageError("motions KEY open needs --kind and --text.");
          const charterPath = string("charter");
          const body = {
            kind,
            text,
            ...(string("subject") ? { subject: string("subject") } : {}),
            ...(string("until") ? { until: string("until") } : {}),
            ...(charterPath ? { charter: jsonFile(charterPath, "charter") } : {}),
          };
          const answer = await call("POST", `/networks/${key}/motions`, body);
          if (typeof answer === "number") return answer;
          if (asJson) return printJson(answer.json);
          const m = answer.json as ApiMotion;
          out(`Motion ${m.key} (${m.kind}) is open until ${m.closesAt}.`);
          return 0;
        }
        if (args[1] !== undefined) throw new UsageError(`Unknown motions action "${printable(args[1], 40)}".`);
        if (["kind", "text", "subject", "until", "charter"].some((k) => values[k] !== undefined))
          throw new UsageError("--kind, --text, --subject, --until and --charter go with motions KEY open.");
        const answer = await call("GET", `/networks/${key}/motions`);
        if (typeof answer === "number") return answer;
        if (asJson) return printJson(answer.json);
        const items = (answer.json as { items: ApiMotion[] }).items;
        if (items.length === 0) out("No motions yet.");
        for (const m of items) for (const line of motionLines(m)) out(line);
        return 0;
      }

      if (action === "vote") {
        const key = keyArg(0);
        const motion = keyArg(1, "motion");
        const choice = args[2];
        if (!choice || !["yes", "no", "abstain", "block"].includes(choice))
          throw new UsageError("vote needs a choice: yes, no, abstain or block.");
        expectArgs(3);
        const reason = string("reason");
        const body = { choice, ...(reason ? { reason } : {}) };
        const answer = await call("POST", `/networks/${key}/motions/${motion}/ballot`, body);
        if (typeof answer === "number") return answer;
        if (asJson) return printJson(answer.json);
        const m = answer.json as ApiMotion;
        out(`Ballot "${choice}" cast on ${m.key}. Now: ${tallyText(m.tally)}.`);
        return 0;
      }

      if (action === "decisions") {
        const key = keyArg(0);
        expectArgs(1);
        const answer = await call("GET", `/networks/${key}/decisions`);
        if (typeof answer === "number") return answer;
        if (asJson) return printJson(answer.json);
        const record = answer.json as { head: string | null; decisions: ApiDecision[] };
        out(`head ${record.head ?? "(none)"}`);
        for (const d of record.decisions) out(decisionLine(d));
        return 0;
      }

      // leave
      const key = keyArg(0);
      expectArgs(1);
      const answer = await call("POST", `/networks/${key}/leave`);
      if (typeof answer === "number") return answer;
      if (asJson) return printJson(answer.json);
      out(`Left ${printable((answer.json as ApiNetwork).name, 80)}; every member is told.`);
      return 0;
    } catch (error) {
      if (error instanceof UsageError) return usageError(error.message);
      throw error;
    }
  },
};

function printJson(json: unknown): number {
  out(JSON.stringify(json, null, 2));
  return 0;
}
