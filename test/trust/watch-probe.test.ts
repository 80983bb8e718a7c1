// A health watch probe against a fake server on loopback: 2xx is ok; a redirect is ok only to the same
// host and is not followed; a redirect to another host, an error status, a silent server past the
// timeout and an address the policy refuses are failures.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { probe } from "../../src/federation/aid/probe.ts";

let server: Server | undefined;
let origin = "";
let followed = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const other = origin.replace("127.0.0.1", "localhost");
    if (req.url === "/ok") res.writeHead(204).end();
    else if (req.url === "/same") res.writeHead(302, { Location: "/target" }).end();
    else if (req.url === "/target") {
      followed++;
      res.writeHead(500).end();
    } else if (req.url === "/elsewhere") res.writeHead(301, { Location: `${other}/ok` }).end();
    else if (req.url === "/nowhere") res.writeHead(302).end();
    else if (req.url === "/silent")
      return; // never answers
    else res.writeHead(req.url === "/broken" ? 503 : 404).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}, 30_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe("a health watch probe", { timeout: 30_000 }, () => {
  it("is ok on 2xx and on a redirect to the same host, which it does not follow", async () => {
    const config = loadConfig({ ALLOW_PRIVATE_ORIGINS: origin });
    expect(await probe(config, `${origin}/ok`, 2000)).toBe(true);
    expect(await probe(config, `${origin}/same`, 2000)).toBe(true);
    expect(followed).toBe(0);
  });

  it("fails on a redirect to another host, an error, no answer in time, or a refused address", async () => {
    const config = loadConfig({ ALLOW_PRIVATE_ORIGINS: origin });
    expect(await probe(config, `${origin}/elsewhere`, 2000)).toBe(false);
    expect(await probe(config, `${origin}/nowhere`, 2000)).toBe(false);
    expect(await probe(config, `${origin}/broken`, 2000)).toBe(false);
    expect(await probe(config, `${origin}/missing`, 2000)).toBe(false);
    expect(await probe(config, `${origin}/silent`, 500)).toBe(false);
    expect(await probe(config, "ftp://example.org/", 2000)).toBe(false);
    // Without the allowance, loopback is a private address: not even asked.
    expect(await probe(loadConfig({}), `${origin}/ok`, 2000)).toBe(false);
  });
});
