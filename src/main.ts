// The command line: `npx commonhost <command>`. Wiring only; the work happens in the modules it calls,
// each imported by the command that needs it: `serve` loads the instance while its database opens.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { accountCommand } from "./cli/account-command.ts";
import { failureLines } from "./cli/errors.ts";
import { err, out, withDatabase, type Command } from "./cli/command.ts";
import { networkCommand } from "./cli/network-command.ts";
import { queueCommand } from "./cli/queue-command.ts";
import { callApi, ServerUnreachableError } from "./cli/server-api.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { DatabaseInUseError, openDatabase } from "./db/client.ts";
import type { Peer } from "./domain/directory/peers.ts";
import type { Failure } from "./domain/validation.ts";
import type { Instance } from "./instance.ts";
import { createLogger, type Logger } from "./logging.ts";

const commands: Record<string, Command> = {
  serve: {
    summary: "Serve the instance over HTTP (and process the delivery queue).",
    usage: "commonhost serve [--no-queue]",
    options: {
      "no-queue": { type: "boolean", description: "Do not process the queue here (run `commonhost worker` instead)." },
    },
    async run({ values, config }) {
      const cfg = config();
      const logger = createLogger(cfg.logLevel);
      const instance = await startInstance(cfg, logger);
      const { port } = await instance.listen({ queue: !values["no-queue"] });
      logger.info(
        { port, origin: cfg.origin, database: instance.services.database.kind },
        `Commonhost is listening on http://${cfg.host}:${port} (public origin ${cfg.origin})`,
      );
      const { recordServer } = await import("./server-record.ts");
      const forget = recordServer(cfg.dataDir, { host: cfg.host, port, origin: cfg.origin });
      stopOnSignal(async () => {
        forget();
        await instance.stop();
      });
      return "running";
    },
  },
  worker: {
    summary: "Process the delivery queue only, without serving HTTP (to scale out).",
    usage: "commonhost worker",
    async run({ config }) {
      const cfg = config();
      const logger = createLogger(cfg.logLevel);
      const instance = await startInstance(cfg, logger);
      instance.startWorkers();
      logger.info({ database: instance.services.database.kind }, "Commonhost worker is processing the queue");
      stopOnSignal(() => instance.stop());
      return "running";
    },
  },
  migrate: {
    summary: "Apply database migrations, then exit (serve and worker also do this on start).",
    usage: "commonhost migrate",
    async run({ config }) {
      await withDatabase(config(), async () => {});
      out("Migrations applied.");
      return 0;
    },
  },
  setup: {
    summary: "Create the provider this instance publishes, or update its name and profile.",
    usage: "commonhost setup --handle HANDLE --name NAME [--profile FILE]",
    options: {
      handle: {
        type: "string",
        description: "The provider's handle: @HANDLE@your.domain (lowercase letters, digits, _).",
      },
      name: { type: "string", description: "The provider's display name." },
      profile: { type: "string", description: "A JSON file with the profile (see docs/api.md, the Profile schema)." },
    },
    async run({ values, config }) {
      if (typeof values.handle !== "string" || typeof values.name !== "string") {
        err("setup needs --handle and --name. See `commonhost setup --help`.");
        return 2;
      }
      let profile: unknown;
      if (typeof values.profile === "string") {
        try {
          profile = JSON.parse(readFileSync(values.profile, "utf8"));
        } catch (e) {
          err(`Could not read the profile file ${values.profile}: ${(e as Error).message}`);
          return 2;
        }
      }
      const cfg = config();
      const [{ setupProvider }, { localActorUri }] = await Promise.all([
        import("./domain/provider/provider.ts"),
        import("./domain/actors/local-actors.ts"),
      ]);
      const result = await withDatabase(cfg, (database) =>
        setupProvider(database.db, {
          handle: values.handle as string,
          name: values.name as string,
          ...(profile ? { profile } : {}),
        }),
      );
      if (!result.ok) {
        for (const line of failureLines(result.error)) err(line);
        return 1;
      }
      const { serverAddress } = await import("./server-record.ts");
      const { origin } = serverAddress(cfg);
      out(
        `The provider is @${result.value.handle}@${new URL(origin).host} (${localActorUri(origin, result.value.handle)}).`,
      );
      return 0;
    },
  },
  token: {
    summary: "Manage operator API tokens: create, list, revoke.",
    usage: "commonhost token create --name NAME | commonhost token list | commonhost token revoke ID",
    options: { name: { type: "string", description: "With create: what the token is for." } },
    async run({ values, positionals, config }) {
      const [action, target] = positionals;
      const { createToken, listTokens, revokeToken } = await import("./domain/tokens/tokens.ts");
      if (action === "create") {
        if (typeof values.name !== "string") {
          err("token create needs --name.");
          return 2;
        }
        const result = await withDatabase(config(), (database) => createToken(database.db, values.name as string));
        if (!result.ok) {
          for (const line of failureLines(result.error)) err(line);
          return 1;
        }
        out(result.value.token);
        err(`Token "${result.value.record.name}" created (id ${result.value.record.id}). It is shown only this once.`);
        return 0;
      }
      if (action === "list") {
        const tokens = await withDatabase(config(), (database) => listTokens(database.db));
        if (tokens.length === 0) out("No tokens.");
        for (const t of tokens) {
          const state = t.revokedAt
            ? `revoked ${t.revokedAt.toISOString()}`
            : `last used ${t.lastUsedAt?.toISOString() ?? "never"}`;
          out(`${t.id}  ${t.prefix}…  ${t.name}  created ${t.createdAt.toISOString()}  ${state}`);
        }
        return 0;
      }
      if (action === "revoke" && target) {
        const result = await withDatabase(config(), (database) => revokeToken(database.db, target));
        if (!result.ok) {
          for (const line of failureLines(result.error)) err(line);
          return 1;
        }
        out(`Token "${result.value.name}" revoked.`);
        return 0;
      }
      err(`Usage: ${commands.token!.usage}`);
      return 2;
    },
  },
  peer: {
    summary: "Manage peers (providers this instance follows and replicates): add, list, remove.",
    usage:
      "commonhost peer add HANDLE_OR_URL | commonhost peer list | commonhost peer remove ACTOR_URL  [--token TOKEN]",
    options: {
      token: {
        type: "string",
        description: "Go through the running server's API (needed with the embedded database while `serve` runs).",
      },
    },
    async run({ values, positionals, config }) {
      const [action, target] = positionals;
      const cfg = config();
      const token = typeof values.token === "string" ? values.token : undefined;
      const { addPeer, listPeers, removePeer } = await import("./federation/directory/peers.ts");
      const show = (p: Peer) =>
        out(
          `${p.actorUri}  ${p.handle ?? ""}  ${p.name ?? ""}  ${p.state}${p.replicated ? `  replicated, last seen ${p.lastSeenAt}` : "  not replicated yet"}`,
        );
      // A failure from the domain is said from the catalogue; one from the API comes already said.
      const failed = (error: Failure | { message: string }) => {
        for (const line of "reason" in error ? failureLines(error) : [error.message]) err(line);
        return 1;
      };
      if (action === "add" && target) {
        if (token) {
          const { status, json } = await callApi(cfg, token, "POST", "/peers", { target });
          if (status !== 201)
            return failed((json as { error?: { message: string } })?.error ?? { message: `HTTP ${status}` });
          show(json as Peer);
          return 0;
        }
        const result = await withInstance(cfg, (instance) => addPeer(instance.federation, instance.services, target));
        if (!result.ok) return failed(result.error);
        show(result.value);
        out("The Follow is queued; the running server delivers it.");
        return 0;
      }
      if (action === "list") {
        const peers = token
          ? (((await callApi(cfg, token, "GET", "/peers")).json as { peers?: Peer[] })?.peers ?? [])
          : await withInstance(cfg, (instance) => listPeers(instance.services));
        if (peers.length === 0) out("No peers.");
        peers.forEach(show);
        return 0;
      }
      if (action === "remove" && target) {
        if (token) {
          const { status, json } = await callApi(cfg, token, "DELETE", `/peers?actor=${encodeURIComponent(target)}`);
          if (status !== 200)
            return failed((json as { error?: { message: string } })?.error ?? { message: `HTTP ${status}` });
        } else {
          const result = await withInstance(cfg, (instance) => removePeer(instance.services, target));
          if (!result.ok) return failed(result.error);
        }
        out(`No longer peering with ${target}.`);
        return 0;
      }
      err(`Usage: ${commands.peer!.usage}`);
      return 2;
    },
  },
  queue: queueCommand,
  account: accountCommand,
  network: networkCommand,
};

/**
 * Creates the instance, its modules (the web app, the federation: most of the code) loaded while the
 * database opens, rather than before: PGlite reads and compiles its WebAssembly meanwhile.
 */
async function startInstance(config: Config, logger: Logger): Promise<Instance> {
  const opening = openDatabase(config);
  const [{ createInstance }, database] = await Promise.all([import("./instance.ts"), opening]).catch(
    async (error: unknown) => {
      await opening.then((d) => d.close()).catch(() => {});
      throw error;
    },
  );
  return createInstance(config, logger, { database, closeDatabase: true, processWide: true });
}

/** Runs fn against a non-listening instance (its queue is processed by the running server). */
async function withInstance<T>(config: Config, fn: (instance: Instance) => Promise<T>): Promise<T> {
  const instance = await startInstance(config, createLogger(config.logLevel === "info" ? "warn" : config.logLevel));
  try {
    return await fn(instance);
  } finally {
    await instance.stop();
  }
}

function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(1);
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}

function help(): string {
  const lines = ["Usage: commonhost <command> [options]", "", "Commands:"];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)}${c.summary}`);
  lines.push(
    "",
    "Run `commonhost <command> --help` for a command's options.",
    "Configuration is read from the environment and ./.env (see docs/configuration.md).",
  );
  return lines.join("\n");
}

function commandHelp(name: string, c: Command): string {
  const lines = [c.summary, "", `Usage: ${c.usage}`];
  if (c.options) {
    lines.push("", "Options:");
    for (const [opt, o] of Object.entries(c.options))
      lines.push(`  --${opt}${o.type === "string" ? " VALUE" : ""}`.padEnd(26) + o.description);
  }
  lines.push(`${"  --help".padEnd(26)}Show this help for ${name}.`);
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number | "running"> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    err(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(Object.entries(command.options ?? {}).map(([k, o]) => [k, { type: o.type }])),
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err(`${(e as Error).message}\n\n${commandHelp(name, command)}`);
    return 2;
  }
  if (parsed.values.help) {
    out(commandHelp(name, command));
    return 0;
  }
  return command.run({
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
    config: () => loadConfig(),
  });
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== "running") process.exitCode = code;
    },
    (error: unknown) => {
      if (
        error instanceof ConfigError ||
        error instanceof DatabaseInUseError ||
        error instanceof ServerUnreachableError
      )
        err(error.message);
      else err(`commonhost: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    },
  );
}
