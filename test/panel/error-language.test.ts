// The panel says the domain's failures in the operator's language, never in the domain's words.
import { afterEach, describe, expect, it } from "vitest";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { setUpThroughPanel } from "../helpers/panel-client.ts";

describe("panel failures in the operator's language", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => {
    await stopAll(instance);
    instance = undefined;
  });

  it("says why a peer cannot be added, in French", { timeout: 60_000 }, async () => {
    instance = await startInstance({ handle: null, queue: false });
    const admin = await setUpThroughPanel(instance, { handle: "alpha" });
    await admin.get("/lang?to=fr&back=/admin/network");
    const bad = await admin.post("/admin/network/peers", { target: "not a handle" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Donnez un identifiant comme @hebergeur@example.org ou l’URL d’un acteur.");
    expect(bad.html).not.toContain("Give a handle");

    const self = await admin.post("/admin/network/peers", { target: `${instance.origin}/actors/alpha` });
    expect(self.status).toBe(422);
    expect(self.html).toContain("Une instance ne peut pas se suivre elle-même.");
  });

  it("says a field's error in the operator's language", { timeout: 60_000 }, async () => {
    instance = await startInstance({ handle: null, queue: false });
    const admin = await setUpThroughPanel(instance, { handle: "alpha" });
    await admin.get("/lang?to=de&back=/admin/account");
    await admin.get("/admin/account");
    const wrong = await admin.post("/admin/account/password", { current: "not the password", password: "x" });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain("Das ist nicht das aktuelle Passwort.");
  });
});
