// The one WebFinger path (web/fast-paths.ts): the local actor by acct: or by its URI, nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webFingerIdentifier } from "../../src/web/fast-paths.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

describe("webFingerIdentifier", () => {
  const origin = "https://hosting.example";
  const host = "hosting.example";
  it.each([
    ["acct:coop@hosting.example", "coop"],
    ["acct:@coop@hosting.example", "coop"],
    ["ACCT:Coop@Hosting.Example", "coop"],
    ["https://hosting.example/actors/coop", "coop"],
  ])("reads %s as the local actor %s", (resource, identifier) => {
    expect(webFingerIdentifier(resource, origin, host)).toBe(identifier);
  });

  it.each([
    "acct:coop@elsewhere.example",
    "acct:coop",
    "https://elsewhere.example/actors/coop",
    "https://hosting.example/actors/coop/inbox",
    "https://hosting.example/actors/",
    "https://hosting.example/announcements/1",
  ])("names no local actor in %s", (resource) => {
    expect(webFingerIdentifier(resource, origin, host)).toBeUndefined();
  });
});

describe("WebFinger", () => {
  let a: TestInstance | undefined;
  beforeAll(async () => {
    a = await startInstance({ handle: "alpha" });
  });
  afterAll(async () => stopAll(a));

  const webfinger = (resource?: string) =>
    fetch(
      `${a!.origin}/.well-known/webfinger${resource === undefined ? "" : `?resource=${encodeURIComponent(resource)}`}`,
    );

  it("answers for the actor's URI as for its acct:, with the same document", async () => {
    const host = new URL(a!.origin).host;
    const byAcct = await webfinger(`acct:alpha@${host}`);
    const byUri = await webfinger(`${a!.origin}/actors/alpha`);
    expect(byAcct.status).toBe(200);
    expect(byUri.status).toBe(200);
    expect(byUri.headers.get("content-type")).toBe("application/jrd+json");
    const jrd = await byUri.json();
    expect(jrd).toEqual(await byAcct.json());
    expect(jrd).toMatchObject({ subject: `acct:alpha@${host}`, aliases: [`${a!.origin}/actors/alpha`] });
  });

  it("answers 404 for another actor, another host or another path, and 400 without a resource", async () => {
    const host = new URL(a!.origin).host;
    expect((await webfinger(`acct:beta@${host}`)).status).toBe(404);
    expect((await webfinger("acct:alpha@elsewhere.example")).status).toBe(404);
    expect((await webfinger(`${a!.origin}/actors/alpha/outbox`)).status).toBe(404);
    expect((await webfinger()).status).toBe(400);
  });
});
