import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("config", () => {
  it("works with no variables at all, with production retry defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      origin: "http://localhost:3000",
      allowPrivateAddress: false,
      inboxMaxBytes: 1024 * 1024,
    });
    expect(config.deliveryRetryInitialMs).toBe(30_000);
    expect(config.queueMaxAttempts).toBe(10);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads ALLOW_PRIVATE_ORIGINS as a list of origins and refuses anything else", () => {
    expect(loadConfig({}).allowPrivateOrigins).toEqual([]);
    expect(loadConfig({ ALLOW_PRIVATE_ORIGINS: "http://10.0.0.5:8080, https://peer.lan" }).allowPrivateOrigins).toEqual(
      ["http://10.0.0.5:8080", "https://peer.lan"],
    );
    expect(errorOf({ ALLOW_PRIVATE_ORIGINS: "http://10.0.0.5:8080/inbox" }).issues[0]).toMatch(
      /^ALLOW_PRIVATE_ORIGINS: expected origins/,
    );
  });

  it("reads sizes with units", () => {
    expect(loadConfig({ INBOX_MAX_BYTES: "512KiB" }).inboxMaxBytes).toBe(512 * 1024);
    expect(loadConfig({ INBOX_MAX_BYTES: "2MiB" }).inboxMaxBytes).toBe(2 * 1024 * 1024);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["HOST", " "],
    ["ORIGIN", "ftp://example.org"],
    ["ORIGIN", "not a url"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["LOG_LEVEL", "loud"],
    ["ALLOW_PRIVATE_ADDRESS", "maybe"],
    ["INBOX_MAX_BYTES", "lots"],
    ["QUEUE_WORKERS", "0"],
    ["QUEUE_POLL_MS", "5"],
    ["TRUST_PROXY", "perhaps"],
    ["TRUST_PROXY", "10"],
    ["DELIVERY_RETRY_INITIAL_MS", "soon"],
    ["QUEUE_MAX_ATTEMPTS", "0"],
    ["QUEUE_LEASE_MS", "10"],
  ])("names %s when it is wrong (%s)", (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(issue).toMatch(new RegExp(`^${name}: `));
    expect(error.message).toContain(name);
  });

  it("reads TRUST_PROXY as a number of proxies", () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "yes" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
  });

  it("names every wrong variable at once", () => {
    const error = errorOf({ PORT: "x", LOG_LEVEL: "y" });
    expect(error.issues.map((i) => i.split(":")[0]).sort()).toEqual(["LOG_LEVEL", "PORT"]);
  });
});
