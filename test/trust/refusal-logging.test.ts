// Outsiders can make an instance refuse as many private URLs (and bad signatures) as they like: that
// must not write an error line each time, nor fill the log.
import "temporal-polyfill/global";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { followRemote } from "../../src/federation/follow-remote.ts";
import { createInstance, type Instance } from "../../src/instance.ts";
import { refusalLog } from "../../src/logging.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";
import { freePort } from "../helpers/instance.ts";
import { startMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

type Line = { level: number; msg: string; refusal?: string; alsoRefused?: number };

function capturingLogger(level: "debug" | "info" = "debug") {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Line);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe("logging what outsiders cause", { timeout: 120_000 }, () => {
  let instance: Instance | undefined;
  let database: TestDatabase | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await instance?.stop();
    await database?.drop();
  });

  it("warns once a minute per kind, with a count of the rest", () => {
    const { logger, lines } = capturingLogger();
    const log = refusalLog(logger, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) log("private-url", { url: `http://10.0.0.${i}/` }, "refused", t0 + i * 1000);
    log("bad-signature", {}, "bad", t0 + 500);
    log("private-url", {}, "refused", t0 + 60_000);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((l) => [l.refusal, l.alsoRefused])).toEqual([
      ["private-url", undefined],
      ["bad-signature", undefined],
      ["private-url", 9],
    ]);
    expect(lines.filter((l) => l.level === 20)).toHaveLength(9);
  });

  it("logs no error for actors and keys on private addresses, and few warnings however many arrive", async () => {
    const { logger, lines } = capturingLogger();
    database = await freshDatabase();
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIGIN: `http://127.0.0.1:${port}`,
      DATA_DIR: database.target.dataDir || "/nonexistent",
      ...(database.target.databaseUrl ? { DATABASE_URL: database.target.databaseUrl } : {}),
      LOG_LEVEL: "debug",
      ALLOW_PRIVATE_ADDRESS: "false",
    });
    instance = await createInstance(config, logger);
    await setupProvider(instance.services.database.db, { handle: "provider", name: "Provider" });
    await instance.listen({ queue: false });
    const host = new URL(config.origin).host;
    // A server on loopback: its key, actor and inbox are all on a private address.
    remote = await startMastodonLike({
      "https://hosting.example": config.origin,
      "@provider@hosting.example": `@provider@${host}`,
    });
    for (let i = 0; i < 15; i++) {
      const response = await remote.post("mastodon-follow.json", `${config.origin}/actors/provider/inbox`);
      expect(response.status).toBe(401);
      expect((await followRemote(instance.federation, instance.services, remote.actorUri)).ok).toBe(false);
    }
    const refusals = lines.filter((l) => l.refusal);
    expect(refusals.length).toBeGreaterThanOrEqual(30);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    // One warning per kind (the test takes well under a minute), the rest at debug level.
    const warned = lines.filter((l) => l.level === 40 && l.refusal).map((l) => l.refusal);
    expect(new Set(warned).size).toBe(warned.length);
    expect(warned).toContain("private-url");
  });
});
