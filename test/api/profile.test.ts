import "temporal-polyfill/global";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { findProvider } from "../../src/domain/provider/provider.ts";
import { providerSchema } from "../../src/web/api/schemas.ts";
import { stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "profile.json"), "utf8"));

const queued = async (api: ApiClient) => {
  const rows = await api.instance.services.database.rows<{ n: number }>(
    sql`select count(*)::int as n from queue_messages`,
  );
  return rows[0]!.n;
};

describe("API profile", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("reads, replaces and reads back the name and profile", async () => {
    api = await startApi({ handle: "coop", name: "The Co-op" });
    const first = await api.call("GET", "/api/v1/profile");
    expect(first.status).toBe(200);
    expect(providerSchema.parse(first.body)).toMatchObject({ handle: "coop", name: "The Co-op", version: 1 });

    const put = await api.call("PUT", "/api/v1/profile", { name: "The Hosting Co-op", profile: fixture });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);
    const read = await api.call("GET", "/api/v1/profile");
    expect(providerSchema.parse(read.body)).toEqual(put.body);
    expect(read.body.name).toBe("The Hosting Co-op");
    // The stored profile is the file's JSON with the defaults filled in (the one default it lacks: the
    // second service's support languages): the same model as `setup --profile`.
    expect(read.body.profile).toEqual({
      ...fixture,
      services: [fixture.services[0], { ...fixture.services[1], supportLanguages: [] }],
    });
    // What GET returns can be PUT back unchanged.
    const again = await api.call("PUT", "/api/v1/profile", { name: read.body.name, profile: read.body.profile });
    expect(again.status).toBe(200);
    expect(again.body.profile).toEqual(read.body.profile);
  });

  it("names every bad field of a profile and writes nothing", async () => {
    api = await startApi();
    const before = await findProvider(api.instance.services.database.db);
    const queuedBefore = await queued(api);
    const bad = {
      name: "",
      profile: {
        ...fixture,
        website: "ftp://files.example.org",
        languages: ["en", "not a tag"],
        services: [
          { kind: "email", price: { model: "fixed" }, availability: "open" },
          { kind: "teleportation", price: { model: "free" }, availability: "open" },
        ],
        capacity: { statedAt: "last week" },
      },
    };
    const res = await api.call("PUT", "/api/v1/profile", bad);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid");
    expect(Object.keys(res.body.error.fields).sort()).toEqual(
      [
        "name",
        "profile.capacity.statedAt",
        "profile.languages.1",
        "profile.services.0.price.amount",
        "profile.services.0.price.currency",
        "profile.services.1.kind",
        "profile.website",
      ].sort(),
    );
    const after = await findProvider(api.instance.services.database.db);
    expect(after).toEqual(before);
    expect(await queued(api)).toBe(queuedBefore);

    const missing = await api.call("PUT", "/api/v1/profile", { name: "Only a name" });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields)).toEqual(["profile"]);
  });

  it("answers 404 while the instance has no provider", async () => {
    api = await startApi({ handle: null });
    const res = await api.call("GET", "/api/v1/profile");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect((await api.call("PUT", "/api/v1/profile", { name: "X", profile: {} })).status).toBe(404);
  });
});
