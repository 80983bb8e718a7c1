import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, submit } from "../helpers/browser.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateScreenshots } from "../helpers/test-environment.ts";
import { issueSetupCode } from "../../src/domain/accounts/accounts.ts";
import { findProvider, updateProvider } from "../../src/domain/provider/provider.ts";
import { axeViolations } from "../helpers/axe.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const screenshots = updateScreenshots;
const imagesDir = join(import.meta.dirname, "..", "..", "docs", "images");
const PASSWORD = "a long enough passphrase";

const text = {
  en: { urlError: "Enter a full address starting with https://", saved: "Saved.", published: "Published." },
  fr: {
    urlError: "Saisissez une adresse complète commençant par https://",
    saved: "Enregistré.",
    published: "Publiée.",
  },
} as const;

/** Fails on serious or critical accessibility violations of the page as it is now. */
async function checkAccessibility(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${page.url()}: ${JSON.stringify(serious)}`).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  if (screenshots) await page.screenshot({ path: join(imagesDir, `${name}.png`) });
}

/** Clicks a submit button and waits for the next page to load (a redirect or a re-rendered form). */

describe("the control panel in a browser", () => {
  let browser: Browser;
  let instance: TestInstance | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await stopAll(instance);
  });
  const newContext = async (lang: "en" | "fr") => {
    const context = await browser.newContext({
      locale: lang === "fr" ? "fr-FR" : "en-US",
      viewport: { width: 1000, height: 800 },
    });
    contexts.push(context);
    return context;
  };

  for (const lang of ["en", "fr"] as const) {
    it(`sets up, invites, edits the profile and announces (${lang})`, { timeout: 240_000 }, async () => {
      instance = await startInstance({ handle: null });
      const origin = instance.origin;
      const code = await issueSetupCode(instance.services.database.db);
      const admin = await (await newContext(lang)).newPage();

      // A fresh instance's home page says how to set it up; the setup link claims it.
      await admin.goto(`${origin}/`);
      expect(await admin.getAttribute("html", "lang")).toBe(lang);
      await checkAccessibility(admin);
      await admin.goto(`${origin}/admin/setup?code=${code}`);
      await checkAccessibility(admin);
      await admin.fill("[name=handle]", "coop");
      await admin.fill("[name=name]", "The Co-op");
      await admin.fill("[name=username]", "alice");
      await admin.fill("[name=password]", PASSWORD);
      if (lang === "en") await shot(admin, "setup");
      await submit(admin, "button[value=setup]");
      expect(admin.url()).toContain("/admin/profile");

      // The profile: a validation error keeps what was typed and says what is wrong, in the operator's language.
      await checkAccessibility(admin);
      await admin.fill("[name=summary]", "Email and clouds for movements");
      await admin.fill("[name=website]", "coop.example");
      await admin.check("input[name='values.tags'][value=cooperative]");
      await admin.selectOption("[name='services.0.kind']", "email");
      await submit(admin, "button[value=save]");
      await expect.poll(() => admin.locator(".error-summary").count()).toBe(1);
      expect(await admin.locator("#f-website-error").textContent()).toBe(text[lang].urlError);
      expect(await admin.inputValue("[name=summary]")).toBe("Email and clouds for movements");
      expect(await admin.isChecked("input[name='values.tags'][value=cooperative]")).toBe(true);
      await checkAccessibility(admin);
      if (lang === "en") await shot(admin, "profile-error");
      await admin.fill("[name=website]", "https://coop.example");
      await submit(admin, "button[value=save]");
      expect(admin.url()).toContain("done=saved");
      expect(await admin.locator(".notice").textContent()).toContain(text[lang].saved);
      expect(await admin.locator(".mastodon-preview").textContent()).toContain("#cooperative");
      if (lang === "en" && screenshots)
        await admin.locator(".mastodon-preview").screenshot({ path: join(imagesDir, "mastodon-preview.png") });

      // The heaviest page, loaded cold with a large profile (20 services, 20 evidence links): under
      // 60 KB transferred, nothing from anywhere else.
      const saved = (await findProvider(instance.services.database.db))!;
      const services = Array.from({ length: 20 }, (_, i) => ({
        kind: "email",
        name: `Mail ${i}`,
        software: "Postfix",
        url: "https://coop.example/mail",
        price: { model: "fixed", amount: 5, currency: "EUR", period: "month" },
        availability: "open",
        supportLanguages: ["en", "fr"],
      }));
      const evidence = Array.from({ length: 20 }, (_, i) => ({
        claim: `Backup report ${i}`,
        url: `https://coop.example/reports/${i}`,
        reconfirmBy: "2030-01-01",
      }));
      expect(
        (await updateProvider(instance.services.database.db, { profile: { ...saved.profile, services, evidence } })).ok,
      ).toBe(true);
      const cold = await browser.newContext({ storageState: await admin.context().storageState() });
      contexts.push(cold);
      const coldPage = await cold.newPage();
      const sizes: Promise<{ url: string; size: number }>[] = [];
      const foreign: string[] = [];
      coldPage.on("requestfinished", (r) => {
        sizes.push(r.sizes().then((s) => ({ url: r.url(), size: s.responseBodySize + s.responseHeadersSize })));
      });
      coldPage.on("request", (r) => {
        if (!r.url().startsWith(origin)) foreign.push(r.url());
      });
      await coldPage.goto(`${origin}/admin/profile`, { waitUntil: "networkidle" });
      const loaded = await Promise.all(sizes);
      const bytes = loaded.reduce((sum, r) => sum + r.size, 0);
      // The favicon, when the browser asks for it, is a few hundred bytes and cached for a week.
      const paths = loaded.map((r) => new URL(r.url).pathname).filter((p) => p !== "/static/favicon.svg");
      expect(paths.sort()).toEqual(["/admin/profile", "/static/style.css"]);
      expect(foreign).toEqual([]);
      expect(bytes).toBeGreaterThan(3_000);
      expect(bytes).toBeLessThan(60 * 1024);
      expect(await coldPage.locator("fieldset.row").count()).toBe(42);
      expect((await updateProvider(instance.services.database.db, { profile: saved.profile })).ok).toBe(true);

      // Every other panel page an admin sees.
      for (const path of [
        "/admin",
        "/admin/audience",
        "/admin/network",
        "/admin/tokens",
        "/admin/account",
        "/directory",
        "/directory?q=hosting&kind=email",
        "/directory/find",
      ]) {
        await admin.goto(`${origin}${path}`);
        await checkAccessibility(admin);
      }

      // Invite a second operator, who joins and signs in.
      await admin.goto(`${origin}/admin/operators`);
      await checkAccessibility(admin);
      await admin.selectOption("#f-invite-role", "editor");
      await submit(admin, "button[value=invite]");
      const link = await admin.inputValue("#invite-link");
      expect(link).toContain("/admin/invite?code=");
      if (lang === "en") await shot(admin, "operators");

      const editor = await (await newContext(lang)).newPage();
      await editor.goto(link);
      await checkAccessibility(editor);
      await editor.fill("[name=username]", "bob");
      await editor.fill("[name=password]", PASSWORD);
      await submit(editor, "button[value=join]");
      expect(editor.url()).toContain("done=joined");
      await submit(editor, ".panel-nav button");
      expect(editor.url()).toContain("/admin/login");
      await checkAccessibility(editor);
      await editor.fill("[name=username]", "bob");
      await editor.fill("[name=password]", PASSWORD);
      await submit(editor, "button[value=login]");
      expect(new URL(editor.url()).pathname).toBe("/admin");
      expect(await editor.locator(".panel-nav a[href='/admin/operators']").count()).toBe(0);

      // The editor posts an announcement (previewed first) and it is on the public page.
      await editor.goto(`${origin}/admin/announcements`);
      await checkAccessibility(editor);
      await editor.fill("[name=content]", "Maintenance on **Sunday** #ops");
      await submit(editor, "button[value=preview]");
      expect(await editor.locator(".preview strong").textContent()).toBe("Sunday");
      await checkAccessibility(editor);
      await submit(editor, "button[value=publish]");
      expect(editor.url()).toContain("done=published");
      expect(await editor.locator(".notice").textContent()).toContain(text[lang].published);
      if (lang === "en") await shot(editor, "announcements");
      await submit(editor, ".row-actions a[href$='/edit']");
      expect(editor.url()).toMatch(/\/edit$/);
      await checkAccessibility(editor);

      await editor.goto(`${origin}/`);
      expect(await editor.locator("main").textContent()).toContain("Maintenance on Sunday");
      await checkAccessibility(editor);
      if (lang === "en") await shot(editor, "public-profile");
      await submit(editor, "main .announcements small a");
      expect(editor.url()).toContain("/announcements/");
      await checkAccessibility(editor);

      await editor.goto(`${origin}/tags/ops`);
      expect(await editor.locator("main").textContent()).toContain("Maintenance on Sunday");
      await checkAccessibility(editor);

      // The language switch works without JavaScript and is remembered.
      await editor.selectOption("#lang-select", "pt");
      await submit(editor, "form.lang button");
      expect(await editor.getAttribute("html", "lang")).toBe("pt");
      await editor.goto(`${origin}/admin`);
      expect(await editor.getAttribute("html", "lang")).toBe("pt");
      expect(await editor.locator("h1").count()).toBe(1);
    });
  }
});
