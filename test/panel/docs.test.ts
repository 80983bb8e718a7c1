// The writers' pages of the panel, driven like a browser without JavaScript: write a document with a
// preview, edit it, compare revisions, translate it; every refusal says what is wrong, never a 500.
import { afterEach, describe, expect, it } from "vitest";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { PASSWORD, setUpThroughPanel, signIn, type PanelClient } from "../helpers/panel-client.ts";

const doc = (overrides: Record<string, string> = {}) => ({
  title: "Backups",
  summary: "How we keep copies",
  body: "# Backups\n\nWe copy every night.\nWe keep thirty days.\n",
  tags: "ops, backups",
  lang: "en",
  audience: "public",
  network: "",
  group: "",
  _action: "save",
  ...overrides,
});

/** The document's key from the redirect after writing it. */
function keyOf(location: string | null): string {
  const [, key] = /^\/admin\/docs\/([A-Za-z0-9_-]+)\?done=written$/.exec(location ?? "") ?? [];
  expect(key, location ?? "").toBeDefined();
  return key!;
}

describe("the panel's documents pages", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  async function writeOne(admin: PanelClient, overrides: Record<string, string> = {}) {
    await admin.get("/admin/docs/new");
    const res = await admin.post("/admin/docs/new", doc(overrides));
    expect(res.status, res.html.slice(0, 2000)).toBe(303);
    return keyOf(res.location);
  }

  it("writes a document after a preview that stores nothing, and shows what is wrong", {
    timeout: 120_000,
  }, async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);

    const empty = await admin.get("/admin/docs");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('href="/admin/docs" aria-current="page"');
    expect(empty.html).toContain("No documents yet.");

    const form = await admin.get("/admin/docs/new");
    expect(form.status).toBe(200);
    expect(form.html).toContain('<label for="f-title">Title</label>');

    // The preview renders the markdown, sanitised, and keeps what was typed.
    const preview = await admin.post("/admin/docs/new", {
      ...doc({ body: "We keep **thirty** days.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>" }),
      _action: "preview",
    });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('id="result"');
    const shown = preview.html.slice(preview.html.indexOf('id="result"'));
    expect(shown.slice(0, shown.indexOf("</section>"))).toContain("<strong>thirty</strong>");
    expect(shown.slice(0, shown.indexOf("</section>"))).not.toContain("<script");
    expect(shown.slice(0, shown.indexOf("</section>"))).not.toContain("<img");
    expect(preview.html).toContain('value="Backups"');
    expect((await admin.get("/admin/docs")).html).toContain("No documents yet.");

    // A preview of a bad form says what is wrong too.
    const badPreview = await admin.post("/admin/docs/new", { ...doc({ title: "" }), _action: "preview" });
    expect(badPreview.status).toBe(422);
    expect(badPreview.html).toContain("This field is required.");

    // Refusals name their field, in the summary and next to it.
    const bad = await admin.post("/admin/docs/new", doc({ title: "", lang: "english", tags: "ok, not-a-tag!" }));
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('class="error-summary"');
    expect(bad.html).toContain('<p id="f-title-error" class="error">This field is required.</p>');
    expect(bad.html).toContain("Not a language tag (such as en or pt-BR).");
    expect(bad.html).toContain("A tag is letters, digits and _ only");
    expect(bad.html).toContain('value="english"');

    // A network audience needs a network, and one this provider is a member of.
    const noNetwork = await admin.post("/admin/docs/new", doc({ audience: "network" }));
    expect(noNetwork.status).toBe(422);
    expect(noNetwork.html).toContain('<p id="f-network-error" class="error">This field is required.</p>');
    const strange = await admin.post(
      "/admin/docs/new",
      doc({ audience: "network", network: "https://elsewhere.example/networks/x" }),
    );
    expect(strange.status).toBe(422);
    expect(strange.html).toContain("This provider is not a current member of that network.");
    const noAudience = await admin.post("/admin/docs/new", doc({ audience: "everyone" }));
    expect(noAudience.status).toBe(422);
    expect(noAudience.html).toContain("Choose one of the options.");

    // Without the CSRF field, nothing is written.
    const forged = await admin.post("/admin/docs/new", doc(), { csrf: false });
    expect(forged.status).toBe(403);
    expect((await admin.get("/admin/docs")).html).toContain("No documents yet.");

    const key = await writeOne(admin);
    const page = await admin.get(`/admin/docs/${key}?done=written`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("The document is published.");
    expect(page.html).toContain("#ops #backups");
    expect(page.html).toContain('data-revision="1"');

    const list = await admin.get("/admin/docs");
    expect(list.html).toContain(`<a href="/admin/docs/${key}">Backups</a>`);
    expect(list.html).toContain("Anyone (public)");
    expect(list.html).toContain("Revision 1,");
  });

  it("edits a document, compares its revisions, and translates it; an edit marks the translation outdated", {
    timeout: 120_000,
  }, async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    const key = await writeOne(admin);

    const edit = await admin.get(`/admin/docs/${key}/edit`);
    expect(edit.status).toBe(200);
    const base = /name="base" value="(sha256:[0-9a-f]{64})"/.exec(edit.html)?.[1];
    expect(base).toBeDefined();
    expect(edit.html).toContain("We keep thirty days.");

    const body = "# Backups\n\nWe copy every night.\nWe keep ninety days.\n";
    const previewed = await admin.post(`/admin/docs/${key}/edit`, {
      ...doc({ body, base: base! }),
      _action: "preview",
    });
    expect(previewed.status).toBe(200);
    expect(previewed.html).toContain("We keep ninety days.");
    const saved = await admin.post(`/admin/docs/${key}/edit`, doc({ body, base: base! }));
    expect(saved.status, saved.html.slice(0, 2000)).toBe(303);
    expect(saved.location).toBe(`/admin/docs/${key}?done=saved`);

    // An edit started from the first revision, now stale, is refused with the reason.
    const stale = await admin.post(`/admin/docs/${key}/edit`, doc({ body: "Something else\n", base: base! }));
    expect(stale.status).toBe(422);
    expect(stale.html).toContain("The document changed since you started editing it");
    // The same text again makes no revision.
    const head = /name="base" value="(sha256:[0-9a-f]{64})"/.exec(
      (await admin.get(`/admin/docs/${key}/edit`)).html,
    )?.[1];
    const same = await admin.post(`/admin/docs/${key}/edit`, doc({ body, base: head! }));
    expect(same.location).toBe(`/admin/docs/${key}?done=unchanged`);

    const page = await admin.get(`/admin/docs/${key}`);
    expect(page.html).toContain('data-revision="2"');
    expect(page.html).toContain('<form method="get" action="/admin/docs/');
    const diff = await admin.get(`/admin/docs/${key}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.html).toContain("1 line added · 1 line removed");
    expect(diff.html).toContain("<del>thirty</del>");
    expect(diff.html).toContain("<ins>ninety</ins>");
    const unknown = await admin.get(`/admin/docs/${key}/diff?from=1&to=9`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain("The revision 9 is not in this document");
    expect((await admin.get(`/admin/docs/${key}/diff`)).status).toBe(400);
    expect((await admin.get("/admin/docs/nosuchkey")).status).toBe(404);

    // A translation into the original's language is refused; one into French is kept, current.
    await admin.get(`/admin/docs/${key}/translate`);
    const sameLang = await admin.post(`/admin/docs/${key}/translate`, {
      lang: "en",
      title: "Backups",
      summary: "",
      body: "Copies",
    });
    expect(sameLang.status).toBe(422);
    expect(sameLang.html).toContain("A translation must be in another language than the original (en).");
    const noBody = await admin.post(`/admin/docs/${key}/translate`, { lang: "fr", title: "", summary: "", body: "" });
    expect(noBody.status).toBe(422);
    expect(noBody.html).toContain('<p id="f-title-error" class="error">This field is required.</p>');
    expect(noBody.html).toContain('<p id="f-body-error" class="error">This field is required.</p>');
    const forged = await admin.post(
      `/admin/docs/${key}/translate`,
      { lang: "fr", title: "Sauvegardes", summary: "", body: "Copies" },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    const translated = await admin.post(`/admin/docs/${key}/translate`, {
      lang: "fr",
      title: "Sauvegardes",
      summary: "Nos copies",
      body: "# Sauvegardes\n\nNous gardons quatre-vingt-dix jours.\n",
    });
    expect(translated.status, translated.html.slice(0, 2000)).toBe(303);
    expect(translated.location).toBe(`/admin/docs/${key}?done=translated#translations-title`);
    const withTranslation = await admin.get(translated.location!);
    expect(withTranslation.html).toContain("The translation is saved.");
    expect(withTranslation.html).toMatch(/data-lang="fr">.*Sauvegardes.*up to date/s);

    // The update form starts from the translation held.
    const update = await admin.get(`/admin/docs/${key}/translate?lang=fr`);
    expect(update.html).toContain('value="Sauvegardes"');

    // A new revision of the original: the translation is outdated, here and in the list.
    const again = /name="base" value="(sha256:[0-9a-f]{64})"/.exec(
      (await admin.get(`/admin/docs/${key}/edit`)).html,
    )?.[1];
    await admin.post(`/admin/docs/${key}/edit`, doc({ body: `${body}And we test restores.\n`, base: again! }));
    expect((await admin.get(`/admin/docs/${key}`)).html).toContain("outdated: 1 revision behind");
    expect((await admin.get("/admin/docs")).html).toContain("1 outdated");
  });

  it("lets an editor write documents but not run working groups; a group audience says what is wrong", {
    timeout: 120_000,
  }, async () => {
    instance = await startInstance({ handle: null });
    await setUpThroughPanel(instance);
    const made = await createOperator(instance.services.database.db, {
      username: "eddie",
      password: PASSWORD,
      role: "editor",
    });
    expect(made.ok).toBe(true);
    const { client: editor } = await signIn(instance.origin, "eddie");

    const list = await editor.get("/admin/docs");
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/admin/docs"');
    expect(list.html).not.toContain('href="/admin/groups"');
    expect((await editor.get("/admin/groups")).status).toBe(403);
    expect((await editor.post("/admin/groups/join", { group: "@ops@example.org" })).status).toBe(403);

    await editor.get("/admin/docs/new");
    const noGroup = await editor.post("/admin/docs/new", doc({ audience: "group" }));
    expect(noGroup.status).toBe(422);
    expect(noGroup.html).toContain('<p id="f-group-error" class="error">This field is required.</p>');
    const unknown = await editor.post(
      "/admin/docs/new",
      doc({ audience: "group", group: "https://elsewhere.example/actors/ops" }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain("This provider is not in the working group https://elsewhere.example/actors/ops");
    expect(keyOf((await editor.post("/admin/docs/new", doc())).location)).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
