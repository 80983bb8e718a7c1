import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, submit } from "../helpers/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { createInvite, listOpenInvites } from "../../src/domain/accounts/invites.ts";
import { createSession } from "../../src/domain/accounts/sessions.ts";
import { createAnnouncement, findLiveAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { submitInquiry } from "../../src/domain/directory/inquiries.ts";
import { localActorUri } from "../../src/domain/actors/local-actors.ts";
import { localReplicaSyncer } from "../../src/domain/directory/local-replica.ts";
import { createToken, listTokens } from "../../src/domain/tokens/tokens.ts";
import { supportedLocales } from "../../src/i18n/i18n.ts";
import { SESSION_COOKIE } from "../../src/web/panel/guard.ts";
import { axeViolations } from "../helpers/axe.ts";
import { fixture } from "../helpers/fixtures.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { pages, pathOf, type Seeded } from "./pages.ts";

const PASSWORD = "a long enough passphrase";
const PHONE = { width: 320, height: 640 };

/** How far the page scrolls sideways, and the elements that stick out (to say what to fix). */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 && r.width > 0)
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className}: ${Math.round(r.right)}`);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      culprits: culprits.slice(0, 5),
    };
  });
}

/** Where an element is, relative to the visible part of the page. */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), height: window.innerHeight, scrollY: Math.round(window.scrollY) };
  });

describe("the pages people see", () => {
  let browser: Browser;
  let instance: TestInstance;
  let seeded: Seeded;
  let sessionToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // A profile with long words and long addresses, the kind that pushed pages sideways.
    const profile = fixture("profile.json") as {
      services: { name?: string; url?: string }[];
      evidence: { claim: string; url: string; reconfirmBy: string }[];
    };
    profile.services[0]!.name = "Hébergement de courriels pour collectifs autogérés";
    profile.services[0]!.url = "https://hosting.example.org/hebergement-de-courriels-pour-collectifs-autogeres";
    profile.evidence.push({
      claim: "Chiffrement des données stockées, vérifié par un audit indépendant",
      url: "https://hosting.example.org/rapports/chiffrement-des-donnees-stockees-audit-independant-2026.pdf",
      reconfirmBy: "2020-01-01",
    });
    instance = await startInstance({ handle: "coop", name: "Coopérative d’hébergement solidaire", profile });
    const db = instance.services.database.db;
    const admin = await createOperator(db, { username: "alice", password: PASSWORD, role: "admin" });
    const editor = await createOperator(db, { username: "bartholomew-longname", password: PASSWORD, role: "editor" });
    if (!admin.ok || !editor.ok) throw new Error("operators not created");
    sessionToken = (await createSession(db, admin.value.id, "test")).token;
    const tag = (t: string) => new URL(`/tags/${t}`, instance.origin).href;
    const announcement = await createAnnouncement(
      db,
      {
        content:
          "Maintenance dimanche : https://hosting.example.org/statut/maintenance-programmee-du-serveur-de-courriels #ops",
      },
      tag,
    );
    if (!announcement.ok) throw new Error("announcement not created");
    const token = await createToken(db, "déploiement automatique");
    if (!token.ok) throw new Error("token not created");
    const invite = await createInvite(db, { role: "editor", createdBy: admin.value.id });
    await localReplicaSyncer(db, instance.origin)();
    const actor = localActorUri(instance.origin, "coop");
    await submitInquiry(
      db,
      {
        providerActorUri: actor,
        senderName: "Syndicat des locataires",
        senderEmail: "coordination-des-locataires-solidaires@association.example.org",
        message: "Bonjour, nous cherchons un hébergement de courriels pour quarante personnes.",
        language: "fr",
      },
      actor,
    );
    // A network with long words in it, founded and given an open motion through the operator API.
    const api = (path: string, body: unknown) =>
      fetch(new URL(`/api/v1${path}`, instance.origin), {
        method: "POST",
        headers: { authorization: `Bearer ${token.value.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ key: string }>);
    const network = await api("/networks", {
      name: "Réseau des hébergeurs coopératifs francophones",
      purpose: "Mutualiser l’hébergement des **associations**: https://hebergeurs.example.org/charte-de-mutualisation",
      charter: { questions: ["Quelle est votre structure juridique et comment vos membres décident-ils ?"] },
    });
    const motion = await api(`/networks/${network.key}/motions`, {
      kind: "resolution",
      text: "Adopter une page d’état commune : https://statut.hebergeurs.example.org/page-etat-commune-des-services",
    });
    // A shared document with a wide table, a long code line and an outdated translation.
    const doc = await api("/docs", {
      title: "Procédure de restauration des sauvegardes chiffrées",
      summary: "Étapes à suivre : https://hosting.example.org/documentation/restauration-des-sauvegardes-chiffrees",
      body: [
        "# Restauration",
        "",
        "| Service | Fréquence | Conservation | Emplacement | Responsable |",
        "| --- | --- | --- | --- | --- |",
        "| Courriels | Quotidienne | Trente jours | Lyon et Berlin | Équipe d’astreinte |",
        "",
        "```",
        "borg extract --progress ssh://sauvegardes@backup.hebergeurs.example.org/./depot-courriels::2026-11-28",
        "```",
        "",
      ].join("\n"),
      lang: "fr",
      tags: ["ops"],
      audience: "public",
    });
    await api(`/docs/${doc.key}/translations`, {
      lang: "en",
      title: "Restoring encrypted backups",
      body: "# Restoring",
    });
    await fetch(new URL(`/api/v1/docs/${doc.key}`, instance.origin), {
      method: "PUT",
      headers: { authorization: `Bearer ${token.value.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        title: "Procédure de restauration",
        body: "# Restauration\n\nVoir l’équipe.\n",
        lang: "fr",
        audience: "public",
      }),
    });
    // A working group of the network, with a long-named task.
    await api("/groups", {
      network: network.key,
      handle: "infrastructure",
      name: "Infrastructure partagée des hébergeurs coopératifs",
      purpose: "Mutualiser les sauvegardes chiffrées entre Lyon et Berlin.",
    });
    await api("/groups/infrastructure/tasks", {
      title: "Renouveler les certificats de https://sauvegardes.hebergeurs.example.org/depot-courriels",
      assignee: "@astreinte@hebergeurs.example.org",
    });
    seeded = {
      group: "infrastructure",
      doc: doc.key,
      network: network.key,
      motion: motion.key,
      handle: "coop",
      announcement: announcement.value.id,
      editor: editor.value.id,
      token: token.value.record.id,
      invite: invite.invite.id,
      inviteCode: invite.secret,
      actor: encodeURIComponent(actor),
    };
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await stopAll(instance);
  });

  /** A phone-sized page in one language, signed in as the admin or not. */
  const phone = async (lang: string, as: "visitor" | "admin" = "admin") => {
    const context = await browser.newContext({ viewport: PHONE, locale: lang });
    contexts.push(context);
    const host = new URL(instance.origin).hostname;
    await context.addCookies([
      { name: "lang", value: lang, domain: host, path: "/" },
      ...(as === "admin" ? [{ name: SESSION_COOKIE, value: sessionToken, domain: host, path: "/" }] : []),
    ]);
    return context.newPage();
  };

  for (const lang of supportedLocales) {
    it(`fits 320 px with no accessibility violation on every page (${lang})`, { timeout: 300_000 }, async () => {
      const tabs = { visitor: await phone(lang, "visitor"), admin: await phone(lang, "admin") };
      const problems: string[] = [];
      for (const entry of pages) {
        const page = tabs[entry.as];
        const path = pathOf(entry, seeded);
        const response = await page.goto(`${instance.origin}${path}`);
        expect(response?.status(), path).toBe(entry.status ?? 200);
        expect(page.url(), path).toBe(`${instance.origin}${path}`);
        expect(await page.getAttribute("html", "lang"), path).toBe(lang);
        const o = await overflow(page);
        if (o.scrollWidth > o.innerWidth)
          problems.push(`${path}: ${o.scrollWidth} px wide in ${o.innerWidth} (${o.culprits.join("; ")})`);
        const violations = await axeViolations(page);
        if (violations.length) problems.push(`${path}: ${JSON.stringify(violations)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it("links its favicon, and answers for /favicon.ico without a 404", async () => {
    const page = await phone("en", "visitor");
    await page.goto(`${instance.origin}/`);
    const href = await page.getAttribute("link[rel=icon]", "href");
    expect(href).toBe("/static/favicon.svg");
    for (const path of [href!, "/favicon.ico"]) {
      const res = await fetch(new URL(path, instance.origin));
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^image\/svg\+xml/);
      expect(await res.text(), path).toContain("<svg");
    }
  });

  it("shows a new token once, after a redirect: a reload neither shows it again nor makes another", async () => {
    const page = await phone("fr");
    const db = instance.services.database.db;
    await page.goto(`${instance.origin}/admin/tokens`);
    await page.fill("#f-name", "sauvegardes");
    await submit(page, "button[value=create]");
    expect(new URL(page.url()).pathname).toBe("/admin/tokens");
    expect(new URL(page.url()).hash).toBe("#new-token");
    const secret = await page.inputValue("#new-token");
    expect(secret).toMatch(/^chp_/);
    const count = (await listTokens(db)).length;
    await page.reload();
    expect(await page.locator("#new-token").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect((await listTokens(db)).length).toBe(count);
  });

  it("shows a new invitation link once, after a redirect", async () => {
    const page = await phone("de");
    const db = instance.services.database.db;
    await page.goto(`${instance.origin}/admin/operators`);
    await page.selectOption("#f-invite-role", "admin");
    await submit(page, "button[value=invite]");
    const link = await page.inputValue("#invite-link");
    expect(link).toContain("/admin/invite?code=");
    // On a phone the link is where the page lands, not 2,000 px below.
    const at = await inView(page, "#invite-link");
    expect(at.top).toBeGreaterThanOrEqual(0);
    expect(at.top).toBeLessThan(at.height);
    const open = (await listOpenInvites(db)).length;
    await page.reload();
    expect(await page.locator("#invite-link").count()).toBe(0);
    expect((await listOpenInvites(db)).length).toBe(open);
  });

  it("lands on the results of “find a host” on a phone", async () => {
    const page = await phone("fr", "visitor");
    await page.goto(`${instance.origin}/directory/find`);
    await page.check("input[name=need][value=email]");
    await submit(page, "form[action^='/directory/find'] button[type=submit]");
    const at = await inView(page, "#result");
    expect(at.scrollY).toBeGreaterThan(0);
    expect(at.top).toBeGreaterThanOrEqual(0);
    expect(at.top).toBeLessThan(at.height / 2);
    expect(await page.locator("#result").textContent()).toMatch(/1/);
  });

  it("lands on the preview of the profile, and on the error summary when a field is wrong", async () => {
    const page = await phone("en");
    await page.goto(`${instance.origin}/admin/profile`);
    await submit(page, "p.actions button[value=preview]");
    let at = await inView(page, "#result");
    expect(await page.locator("#result").getAttribute("class")).toBe("mastodon-preview");
    expect(at.top).toBeGreaterThanOrEqual(0);
    expect(at.top).toBeLessThan(at.height / 2);
    expect(await page.locator(".mastodon-preview").textContent()).toContain("first of its languages");

    // Two mistakes, the later field typed first: the summary lists them in form order, each
    // naming its field and linking to it.
    await page.fill("[name='place.upstream.asn']", "ASN twelve");
    await page.fill("[name=website]", "hosting.example.org");
    await submit(page, "p.actions button[value=preview]");
    at = await inView(page, "#result");
    expect(await page.locator("#result").getAttribute("class")).toBe("error-summary");
    expect(at.top).toBeGreaterThanOrEqual(0);
    expect(at.top).toBeLessThan(at.height);
    const entries = await page.locator(".error-summary li a").evaluateAll((links) =>
      links.map((a) => ({
        href: a.getAttribute("href"),
        text: a.textContent,
        target: !!document.getElementById(a.getAttribute("href")!.slice(1)),
      })),
    );
    expect(entries.map((e) => e.href)).toEqual(["#f-website", "#f-place-upstream-asn"]);
    expect(entries[0]!.text).toMatch(/^Website: /);
    expect(entries[1]!.text).toMatch(/^Network \(AS number\): /);
    expect(entries.every((e) => e.target)).toBe(true);

    // AS24940, as operators write it, is accepted.
    await page.fill("[name='place.upstream.asn']", "AS24940");
    await page.fill("[name=website]", "https://hosting.example.org");
    await submit(page, "p.actions button[value=save]");
    expect(page.url()).toContain("done=saved");
    expect(await page.inputValue("[name='place.upstream.asn']")).toBe("24940");
  });

  it("asks before deleting a federated announcement, and deletes only when confirmed", async () => {
    const db = instance.services.database.db;
    const made = await createAnnouncement(
      db,
      { content: "À supprimer bientôt" },
      (t) => `${instance.origin}/tags/${t}`,
    );
    if (!made.ok) throw new Error("announcement not created");
    const page = await phone("fr");
    await page.goto(`${instance.origin}/admin/announcements`);
    await submit(page, `a[href='/admin/announcements/${made.value.id}/delete']`);
    expect(new URL(page.url()).pathname).toBe(`/admin/announcements/${made.value.id}/delete`);
    expect(await page.locator("main").textContent()).toContain("À supprimer bientôt");
    expect(await findLiveAnnouncement(db, made.value.id)).toBeDefined();
    // Going back changes nothing.
    await submit(page, "main a[href='/admin/announcements']");
    expect(await findLiveAnnouncement(db, made.value.id)).toBeDefined();
    await page.goto(`${instance.origin}/admin/announcements/${made.value.id}/delete`);
    await submit(page, "button[value=confirm]");
    expect(page.url()).toContain("done=deleted");
    expect(await findLiveAnnouncement(db, made.value.id)).toBeUndefined();
  });
});
