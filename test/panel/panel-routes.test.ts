import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { findProvider } from "../../src/domain/provider/provider.ts";
import { listAnnouncements, listPinnedAnnouncements } from "../../src/domain/announcements/announcements.ts";
import { totpCode } from "../../src/domain/accounts/totp.ts";
import { issueSetupCode } from "../../src/domain/accounts/accounts.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PanelClient, setUpThroughPanel, signIn } from "../helpers/panel-client.ts";

/** A date `days` from today, as the profile form takes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("the panel's pages", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  it("saves the profile, federating an Update, and keeps what was typed on an error", async () => {
    // Without queue workers, so the recorded event stays in the queue to be counted.
    instance = await startInstance({ handle: null, queue: false });
    const admin = await setUpThroughPanel(instance);
    await admin.get("/admin/profile");
    const bad = await admin.post("/admin/profile", {
      name: "The Co-op",
      summary: "Kept as typed",
      "capacity.storageGb": "lots",
      "evidence.0.claim": "Backups",
      "evidence.0.url": "https://coop.example/b",
      "evidence.0.reconfirmBy": "2020-01-01",
      _action: "save",
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("Kept as typed");
    expect(bad.html).toMatch(/id="f-capacity-storageGb-error" class="error">Enter a number\./);
    expect(bad.html).toContain('value="lots"');

    const queued = async () =>
      (
        await instance!.services.database.rows<{ n: number }>(
          sql`select count(*)::int as n from queue_messages where payload->>'commonhost' = 'profile.updated'`,
        )
      )[0]!.n;
    const before = await queued();
    const good = await admin.post("/admin/profile", {
      name: "The Co-op",
      summary: "Kept as typed",
      "capacity.storageGb": "200",
      "evidence.0.claim": "Backups",
      "evidence.0.url": "https://coop.example/b",
      "evidence.0.reconfirmBy": "2020-01-01",
      "evidence.1.claim": "Emergency access",
      "evidence.1.url": "https://coop.example/e",
      "evidence.1.reconfirmBy": inDays(10),
      "evidence.2.claim": "Three months' notice",
      "evidence.2.url": "https://coop.example/n",
      "evidence.2.reconfirmBy": "2021-06-01",
      _action: "save",
    });
    expect(good.status).toBe(303);
    const record = await findProvider(instance.services.database.db);
    expect(record?.profile.capacity?.storageGb).toBe(200);
    expect(await queued()).toBe(before + 1);
    // The lapsed evidence shows a warning in the editor and on the overview.
    expect((await admin.get("/admin/profile")).html).toContain('class="warn"');
    const overview = (await admin.get("/admin")).html;
    expect(overview).toContain("warn-box");
    // The claim still backed is a reminder before its date passes.
    expect(overview).toContain("1 evidence link is due for re-confirmation by");
    // Searchers see how many claims are no longer backed, on the page and in the API.
    const directory = await fetch(`${instance.origin}/directory?q=Co-op`, { headers: { "accept-language": "en" } });
    expect(await directory.text()).toContain(
      "2 claims of this profile are past their re-confirm date: no longer backed",
    );
    const api = await fetch(`${instance.origin}/api/v1/directory?q=Co-op`);
    expect((await api.json()).results).toMatchObject([{ local: true, unbacked: 2 }]);
  });

  it("previews without saving", async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    await admin.get("/admin/profile");
    const preview = await admin.post("/admin/profile", {
      name: "Renamed?",
      "values.statement": "We **share**.",
      _action: "preview",
    });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain("<strong>share</strong>");
    expect(preview.html).toContain("Renamed?");
    expect((await findProvider(instance.services.database.db))?.name).toBe("The Co-op");
  });

  it("publishes, edits, pins and deletes announcements", async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    const db = instance.services.database.db;
    await admin.get("/admin/announcements");
    expect((await admin.post("/admin/announcements", { content: "  ", _action: "publish" })).status).toBe(422);
    expect((await admin.post("/admin/announcements", { content: "Hello #ops", _action: "publish" })).status).toBe(303);
    const [created] = await listAnnouncements(db, { limit: 5 });
    expect(created?.hashtags).toEqual(["ops"]);
    await admin.get(`/admin/announcements/${created!.id}/edit`);
    expect(
      (await admin.post(`/admin/announcements/${created!.id}`, { content: "Hello again", _action: "publish" })).status,
    ).toBe(303);
    expect((await listAnnouncements(db, { limit: 5 }))[0]?.source).toBe("Hello again");
    expect((await admin.post(`/admin/announcements/${created!.id}/pin`, { pinned: "1" })).status).toBe(303);
    expect(await listPinnedAnnouncements(db)).toHaveLength(1);
    // Deleting asks first (a GET that changes nothing), then the POST deletes.
    const confirm = await admin.get(`/admin/announcements/${created!.id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain("Hello again");
    expect(await listAnnouncements(db, { limit: 5 })).toHaveLength(1);
    expect((await admin.get("/admin/announcements/not-an-id/delete")).status).toBe(404);
    expect((await admin.post(`/admin/announcements/${created!.id}/delete`, {})).status).toBe(303);
    expect(await listAnnouncements(db, { limit: 5 })).toHaveLength(0);
    expect((await admin.post("/admin/announcements/not-an-id/delete", {})).status).toBe(404);
  });

  it("asks for the second factor once it is on", async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    await admin.get("/admin/account");
    const started = await admin.post("/admin/account/totp/start", {});
    const secret = /id="totp-secret" readonly value="([A-Z2-7]+)"/.exec(started.html)?.[1];
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await admin.post("/admin/account/totp/enable", { secret: secret!, code: "000000" })).status).toBe(422);
    // A fresh step's code, so it is not the one spent enabling the factor.
    expect(
      (
        await admin.post("/admin/account/totp/enable", {
          secret: secret!,
          code: totpCode(secret!, Date.now() - 30_000),
        })
      ).status,
    ).toBe(303);

    expect((await signIn(instance.origin, "alice")).response.status).toBe(403);
    const client = new PanelClient(instance.origin);
    await client.get("/admin/login");
    const ok = await client.post("/admin/login", {
      username: "alice",
      password: "a long enough passphrase",
      code: totpCode(secret!),
    });
    expect(ok.status).toBe(303);
    expect((await client.get("/admin")).status).toBe(200);
  });

  it("negotiates the language, switches it, and never redirects off-site", async () => {
    instance = await startInstance({ handle: null });
    const visitor = new PanelClient(instance.origin);
    expect((await visitor.get("/", { "accept-language": "de-DE,de;q=0.9" })).html).toContain('<html lang="de">');
    expect((await visitor.get("/", { "accept-language": "es" })).html).toContain('<html lang="es">');
    const switched = await visitor.get("/lang?to=pt&back=/admin/login");
    expect(switched.status).toBe(303);
    expect(switched.location).toBe("/admin/login");
    expect((await visitor.get("/", { "accept-language": "de" })).html).toContain('<html lang="pt">');
    expect((await visitor.get("/lang?to=fr&back=//evil.example")).location).toBe("/");
    expect((await visitor.get("/lang?to=fr&back=https://evil.example")).location).toBe("/");
    expect((await visitor.get("/lang?to=fr&back=/%5Cevil.example")).location).toBe("/");
    const withCode = await visitor.get(`/lang?to=fr&back=${encodeURIComponent("/admin/setup?code=abc_-1")}`);
    expect(withCode.location).toBe("/admin/setup?code=abc_-1");
    const code = await issueSetupCode(instance.services.database.db);
    expect((await visitor.get(`/admin/setup?code=${code}`)).html).toContain(
      `name="back" value="/admin/setup?code=${code}"`,
    );
    const missing = await visitor.get("/no/such/page");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('<html lang="fr">');
    expect(missing.html).toContain("rien à cette adresse.");
  });
});
