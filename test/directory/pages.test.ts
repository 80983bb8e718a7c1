// The public directory pages, without JavaScript: home search box, search page, find a host, and
// the contact form's spam resistance.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInquiries } from "../../src/domain/directory/inquiries.ts";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { MIN_FILL_MS } from "../../src/web/routes/contact-token.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

let instance: TestInstance | undefined;
const page = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${instance!.origin}${path}`, { headers: { "Accept-Language": "en" }, ...init });
  return { status: response.status, text: await response.text() };
};

beforeAll(async () => {
  instance = await startInstance({
    handle: "home",
    name: "Home Co-op",
    profile: {
      services: [{ kind: "email", price: { model: "sliding-scale" }, availability: "open", supportLanguages: ["fr"] }],
      place: { country: "FR", jurisdiction: "EU" },
      values: { tags: ["feminist"] },
    },
  });
  await applyReplica(instance.services.database.db, {
    actorUri: "https://far.example/actors/far",
    handle: "@far@far.example",
    name: "Far Away Hosting",
    url: "https://far.example/",
    iconUrl: "https://far.example/media/far-icon.png",
    profile: profileSchema.parse({
      summary: "Mail for unions.",
      norms: {
        funding: ["members", "grants"],
        dataPolicy: { backupRetentionDays: 30, policyUrl: "https://far.example/data-policy" },
        emergencyAccess: { people: 2, description: "Two members hold sealed keys." },
      },
      services: [
        {
          kind: "email",
          description: "Mailboxes with webmail and IMAP.",
          price: { model: "fixed", amount: 5, currency: "USD", period: "month", note: "free for strike funds" },
          availability: "waitlist",
          supportLanguages: ["en"],
        },
      ],
      place: { country: "US", jurisdiction: "US" },
      values: { tags: ["feminist", "cooperative"] },
    }),
  });
}, 60_000);
afterAll(async () => stopAll(instance));

describe("directory pages", () => {
  it("the home page shows the provider and a search box over the network", async () => {
    const { status, text } = await page("/");
    expect(status).toBe(200);
    expect(text).toContain("Home Co-op");
    expect(text).toMatch(/<form method="get" action="\/directory" role="search"/);
  });

  it("the search page lists results that link to their instance, with facets and reasons", async () => {
    const { status, text } = await page("/directory?q=email&language=fr");
    expect(status).toBe(200);
    expect(text).toContain("1 provider");
    expect(text).toContain("Home Co-op");
    expect(text).not.toContain("Far Away Hosting");
    expect(text).toContain("Matches: “email”, support in fr");
    const all = await page("/directory");
    // A provider's name opens its profile view here, not the remote instance.
    expect(all.text).toContain(
      `href="/directory/providers?actor=${encodeURIComponent("https://far.example/actors/far")}"`,
    );
    expect(all.text).not.toContain('href="https://far.example/"');
    expect(all.text).toMatch(/value="email"[^>]*> email <small>\(2\)<\/small>/);
    expect(all.text).not.toContain("<script");
  });

  it("finds a host by fit and says what each one misses", async () => {
    const { status, text } = await page(
      "/directory/find?need=email&language=fr&price=sliding-scale&must=feminist&nice=cooperative&jurisdiction=EU&people=30",
    );
    expect(status).toBe(200);
    expect(text.indexOf("Home Co-op")).toBeLessThan(text.indexOf("Far Away Hosting"));
    expect(text).toContain("Matches: email, support in fr, sliding scale, EU jurisdiction, feminist");
    expect(text).toContain("Missing: room for 30 accounts, cooperative");
    expect(text).toContain(
      "Missing: email not open to new users, support in fr, sliding scale, EU jurisdiction, room for 30 accounts",
    );
    expect((await page("/directory/find?need=spaceship")).status).toBe(400);
  });

  it("the contact form refuses bots and floods, and delivers a person's message", async () => {
    const provider = encodeURIComponent("https://far.example/actors/far");
    const local = await page(`/directory/contact?provider=${encodeURIComponent(`${instance!.origin}/actors/home`)}`);
    const token = /name="token" value="([^"]+)"/.exec(local.text)![1]!;
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({
        provider: `${instance!.origin}/actors/home`,
        token,
        senderName: "Ana",
        senderEmail: "ana@example.org",
        message: "We need email for 30 people.",
        ...extra,
      });
    const post = (body: URLSearchParams) =>
      page("/directory/contact", {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
      });

    expect((await post(form({}))).status).toBe(429); // posted faster than a person types
    expect((await page(`/directory/contact?provider=${provider}`)).status).toBe(200);
    expect((await page("/directory/contact?provider=https%3A%2F%2Fnobody.example%2F")).status).toBe(404);
    await new Promise((r) => setTimeout(r, MIN_FILL_MS + 100));
    const honeypot = await post(form({ website: "http://spam.example" }));
    expect(honeypot.status).toBe(200);
    expect(await listInquiries(instance!.services.database.db, { limit: 10 })).toHaveLength(0);
    expect((await post(form({ token: `${Date.now() - 10_000}.forged` }))).status).toBe(400);
    const invalid = await post(form({ senderEmail: "not-an-email" }));
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("Enter an email address.");

    const sent = await post(form({}));
    expect(sent.status).toBe(200);
    expect(sent.text).toContain("Your message is on its way");
    const [inquiry] = await listInquiries(instance!.services.database.db, { limit: 10 });
    expect(inquiry).toMatchObject({ senderEmail: "ana@example.org", message: "We need email for 30 people." });
    // The sender's address is never shown on a public page.
    expect((await page("/directory")).text).not.toContain("ana@example.org");
    expect((await page("/")).text).not.toContain("ana@example.org");

    let limited = 0;
    for (let i = 0; i < 6; i++)
      if ((await post(form({ message: `Message number ${i} for you.` }))).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
  });

  it("keeps an address's limit over a restart, and accepts a form served before it", async () => {
    // An instance of its own, fresh: nothing has opened its directory, and no form has been sent yet.
    let own = await startInstance({ handle: "limits", name: "Limits Co-op" });
    try {
      const providerUri = `${own.origin}/actors/limits`;
      const served = await fetch(`${own.origin}/directory/contact?provider=${encodeURIComponent(providerUri)}`);
      expect(served.status).toBe(200);
      const token = /name="token" value="([^"]+)"/.exec(await served.text())![1]!;
      await new Promise((r) => setTimeout(r, MIN_FILL_MS + 100)); // a person takes that long to fill it in
      const post = (message: string) =>
        fetch(`${own.origin}/directory/contact`, {
          method: "POST",
          body: new URLSearchParams({
            provider: providerUri,
            token,
            senderName: "Bea",
            senderEmail: "bea@example.org",
            message,
          }),
          headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
        });
      // Five forms an hour from one address (CONTACTS_PER_ADDRESS_PER_HOUR), the sixth is refused.
      for (let i = 1; i <= 5; i++) expect((await post(`Message number ${i} for you.`)).status).toBe(200);
      expect((await post("One more message for you.")).status).toBe(429);

      own = await own.restart();
      expect((await post("Written while the server restarted.")).status).toBe(429);
      await own.services.database.rows(sql`update contact_attempts set at = at - interval '1 hour'`);
      const sent = await post("Written while the server restarted.");
      expect(sent.status).toBe(200);
      expect(await sent.text()).toContain("Your message is on its way");
    } finally {
      await stopAll(own);
    }
  });

  it("lists inquiries and peers only for operators", async () => {
    expect((await fetch(`${instance!.origin}/api/v1/inquiries`)).status).toBe(401);
    expect(
      (await fetch(`${instance!.origin}/api/v1/peers`, { headers: { Authorization: "Bearer chp_nope" } })).status,
    ).toBe(401);
  });

  it("directory cards show the icon, prices, availability, support languages and values", async () => {
    const { text } = await page("/directory?q=far");
    const card = text.slice(text.indexOf('<li class="card">'), text.indexOf("</li>\n</ol>"));
    expect(card).toContain('src="https://far.example/media/far-icon.png"');
    expect(card).toContain("Far Away Hosting");
    expect(card).toContain("waiting list");
    expect(card).toContain("$5.00 / month");
    expect(card).toContain("support in en");
    expect(card).toMatch(/<li>feminist<\/li><li>cooperative<\/li>/);
  });

  it("shows a replicated provider's profile here, from its replica, with a link to its instance", async () => {
    const actor = encodeURIComponent("https://far.example/actors/far");
    const { status, text } = await page(`/directory/providers?actor=${actor}`);
    expect(status).toBe(200);
    expect(text).toContain('<h1 class="p-name">Far Away Hosting</h1>');
    expect(text).toContain('src="https://far.example/media/far-icon.png"');
    expect(text).toContain("Mailboxes with webmail and IMAP.");
    expect(text).toContain("free for strike funds");
    expect(text).toContain("members, grants");
    expect(text).toContain("30 days");
    expect(text).toContain("Two members hold sealed keys.");
    expect(text).toContain('href="https://far.example/data-policy"');
    expect(text).toContain('href="https://far.example/"');
    expect(text).toContain(`href="/directory/contact?provider=${actor}"`);
    expect((await page(`/directory/providers?actor=${encodeURIComponent("https://nowhere.example/a")}`)).status).toBe(
      404,
    );
    // This instance's own provider has its own page.
    const own = await fetch(
      `${instance!.origin}/directory/providers?actor=${encodeURIComponent(`${instance!.origin}/actors/home`)}`,
      {
        redirect: "manual",
      },
    );
    expect(own.status).toBe(303);
    expect(own.headers.get("location")).toBe("/");
  });

  it("carries what a group said in find-a-host over to the contact form", async () => {
    const { text } = await page("/directory/find?need=email&people=30&language=fr&must=feminist");
    const link = /href="(\/directory\/contact\?provider=[^"]+)"/.exec(text)![1]!.replaceAll("&amp;", "&");
    const needs = new URL(link, "http://x").searchParams.get("needs");
    expect(needs).toBe("email · 30 people · languages: fr · must have: feminist");
    const contact = await page(link);
    expect(contact.text).toContain('value="email · 30 people · languages: fr · must have: feminist"');
  });
});
