// A writer at a 320 px phone, without any script of ours: writes a document after a preview, edits it,
// opens the diff of its history and adds a translation, each page fitting the screen.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, submit } from "../helpers/browser.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { issueSetupCode } from "../../src/domain/accounts/accounts.ts";
import { axeViolations } from "../helpers/axe.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

const PASSWORD = "a long enough passphrase";
const PHONE = { width: 320, height: 640 };

/** Fails when the page scrolls sideways or has a serious accessibility violation. */
async function fits(page: Page): Promise<void> {
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(width.scroll, page.url()).toBeLessThanOrEqual(width.inner);
  const serious = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${page.url()}: ${JSON.stringify(serious)}`).toEqual([]);
}

describe("writing in the panel on a phone", () => {
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

  it("writes, edits, compares and translates a document at 320 px", { timeout: 240_000 }, async () => {
    instance = await startInstance({ handle: null });
    const origin = instance.origin;
    const code = await issueSetupCode(instance.services.database.db);
    const context = await browser.newContext({ viewport: PHONE, locale: "en-US" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${origin}/admin/setup?code=${code}`);
    await page.fill("[name=handle]", "coop");
    await page.fill("[name=name]", "The Co-op");
    await page.fill("[name=username]", "alice");
    await page.fill("[name=password]", PASSWORD);
    await submit(page, "button[value=setup]");

    // From the navigation to the writing form.
    await submit(page, "nav.panel-nav a[href='/admin/docs']");
    await fits(page);
    await submit(page, "a[href='/admin/docs/new']");
    await page.fill("[name=title]", "Restoring encrypted backups from the Lyon and Berlin sites");
    await page.fill("[name=summary]", "What to do when a member loses a server");
    await page.fill(
      "[name=body]",
      "# Restoring\n\nAsk the **on-call** team.\n\n```\nborg extract --progress ssh://backups@backup.hosting.example.org/./repository::2026-11-28\n```\n",
    );
    await page.fill("[name=tags]", "ops backups");
    await page.fill("[name=lang]", "en");
    await submit(page, "button[value=preview]");
    expect(await page.locator("#result strong").first().textContent()).toBe("on-call");
    expect(await page.inputValue("[name=title]")).toBe("Restoring encrypted backups from the Lyon and Berlin sites");
    await fits(page);
    await submit(page, "button[value=save]");
    expect(page.url()).toContain("done=written");
    expect(await page.locator(".notice").textContent()).toContain("The document is published.");
    await fits(page);

    // An edit: a new revision.
    await submit(page, "a.button[href$='/edit']");
    await fits(page);
    await page.fill("[name=body]", "# Restoring\n\nAsk the **on-call** team first.\n");
    await submit(page, "button[value=save]");
    expect(page.url()).toContain("done=saved");
    expect(await page.locator("tr[data-revision]").count()).toBe(2);

    // The diff of the history, chosen with the plain form (from 1 to 2 by default).
    expect(await page.inputValue("[name=from]")).toBe("1");
    expect(await page.inputValue("[name=to]")).toBe("2");
    await submit(page, ".diff-chooser button[type=submit]");
    expect(page.url()).toMatch(/\/diff\?from=1&to=2$/);
    expect(await page.locator(".diff ins").first().textContent()).toContain("first");
    await fits(page);
    await submit(page, "a[href$='#history-title']");

    // A translation: listed as up to date.
    await submit(page, "a.button[href$='/translate']");
    await fits(page);
    await page.fill("[name=lang]", "fr");
    await page.fill("[name=title]", "Restaurer les sauvegardes chiffrées");
    await page.fill("[name=body]", "# Restaurer\n\nDemandez d’abord à l’équipe d’astreinte.\n");
    await submit(page, "button.primary");
    expect(page.url()).toContain("done=translated");
    expect(await page.locator("li[data-lang=fr]").textContent()).toContain("up to date");
    await fits(page);
  });
});
