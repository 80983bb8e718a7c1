// The public directory: /directory (search), /directory/find (find a host), /directory/contact.
import { httpUrlOrNull } from "../../domain/html.ts";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import { findHost, parseFitInput } from "../../domain/directory/fit.ts";
import { takeContactSlot } from "../../domain/directory/contact-limit.ts";
import { submitInquiry } from "../../domain/directory/inquiries.ts";
import { localReplicaSyncer } from "../../domain/directory/local-replica.ts";
import { recordedMembership } from "../../domain/directory/membership.ts";
import { providerOffers, providersOfferCounts } from "../../domain/directory/provider-offers.ts";
import { findReplica } from "../../domain/directory/replica.repository.ts";
import { findProviderActor, localActorUri } from "../../domain/actors/local-actors.ts";
import { emptySearch } from "../../domain/directory/search/index.ts";
import type { Failure } from "../../domain/validation.ts";
import type { Translate } from "../../i18n/i18n.ts";
import type { WebDeps } from "../deps.ts";
import { directorySearch, SEARCH_FAILURE_STATUS } from "../directory-search.ts";
import { failureSummary, failureText, fieldTexts, htmlFailure } from "../errors.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { closingNotice, contactPage, directoryPage, findHostPage, type ContactForm } from "../views/directory.ts";
import { clientAddress } from "../client-address.ts";
import { layout } from "../views/layout.ts";
import { offersSection } from "../views/directory-offers.ts";
import { profileView } from "../views/profile.ts";
import { contactTokens } from "./contact-token.ts";

type Env = { Variables: LocaleVariables };

export function directoryRoutes(deps: WebDeps) {
  const app = new Hono<Env>();
  const { services } = deps;
  const { database, config } = services;
  const syncLocal = localReplicaSyncer(database.db, config.origin);
  const search = directorySearch(deps);
  const tokens = contactTokens(database);
  const page = (
    c: Context<Env>,
    title: string,
    body: Parameters<typeof layout>[0]["body"],
    status: 200 | 400 | 404 | 422 | 429 = 200,
  ) => c.html(layout({ locale: c.get("locale"), t: c.get("t"), title, body }), status);

  app.get("/directory", async (c) => {
    const t = c.get("t");
    const params = new URL(c.req.url).searchParams;
    const [result, networks] = await Promise.all([search(c), recordedMembership(database.db).networks()]);
    // A failed search shows the form again with what went wrong, as a page like any other.
    const shown = result.ok
      ? { query: result.value.query, result: result.value.answer }
      : { query: { page: 1, pageSize: 20 }, result: emptySearch(), error: searchError(t, result.error) };
    const offerCounts = await providersOfferCounts(database.db, shown.result.results, new Date());
    return page(
      c,
      t("directory.title"),
      directoryPage({ t, locale: c.get("locale"), params, networks, offerCounts, ...shown }),
      result.ok ? 200 : SEARCH_FAILURE_STATUS,
    );
  });

  app.get("/directory/find", async (c) => {
    const t = c.get("t");
    const params = new URL(c.req.url).searchParams;
    if (params.size === 0) return page(c, t("directory.find.title"), findHostPage({ t, locale: c.get("locale") }));
    const parsed = parseFitInput(params);
    if (!parsed.ok) {
      return page(
        c,
        t("directory.find.title"),
        findHostPage({ t, locale: c.get("locale"), error: searchError(t, parsed.error) }),
        400,
      );
    }
    await syncLocal();
    const found = await findHost(database, parsed.value, { staleAfterMs: config.directoryStaleAfterMs });
    return page(
      c,
      t("directory.find.title"),
      findHostPage({ t, locale: c.get("locale"), input: parsed.value, results: found.results }),
    );
  });

  // The instance's own provider is found here from the start, as on the search pages: not only once
  // someone has opened /directory.
  const providerOf = async (actorUri: string | undefined) => {
    if (!actorUri || actorUri.length > 2048) return undefined;
    await syncLocal();
    return findReplica(database.db, actorUri);
  };

  app.get("/directory/contact", async (c) => {
    const t = c.get("t");
    const provider = await providerOf(c.req.query("provider"));
    if (!provider) return page(c, t("directory.title"), directoryNotFound(t), 404);
    // What the group already said in "find a host" comes along, to be read and changed before sending.
    const needs = (c.req.query("needs") ?? "").slice(0, 2000);
    return page(
      c,
      t("directory.contact.title", { name: provider.name }),
      contactPage({ t, provider, token: await tokens.issue(provider.actorUri), ...(needs ? { form: { needs } } : {}) }),
    );
  });

  // A provider of the directory, shown here from its replica (its own instance has the full page).
  app.get("/directory/providers", async (c) => {
    const t = c.get("t");
    const replica = await providerOf(c.req.query("actor"));
    if (!replica) return page(c, t("directory.title"), directoryNotFound(t), 404);
    if (replica.local) return c.redirect("/", 303);
    const stale = replica.lastSeenAt.getTime() < Date.now() - config.directoryStaleAfterMs;
    const seen = new Intl.DateTimeFormat(c.get("locale"), { dateStyle: "medium" }).format(replica.lastSeenAt);
    const offers = await providerOffers(database.db, replica, new Date());
    return page(
      c,
      replica.name,
      html`${stale ? html`<p class="warn">${t("directory.stale", { date: seen })}</p>` : ""}${closingNotice(t, {
        movedTo: replica.movedTo,
        closingAt: replica.closingAt?.toISOString() ?? null,
        closingSuccessor: replica.closingSuccessor,
      })}${profileView({
        record: { name: replica.name, profile: replica.profile, iconUrl: replica.iconUrl },
        acct: replica.handle,
        t,
        locale: c.get("locale"),
        today: new Date().toISOString().slice(0, 10),
        remote: { url: httpUrlOrNull(replica.url) ?? httpUrlOrNull(replica.actorUri) ?? "" },
      })}${offersSection(t, c.get("locale"), offers)}<p><a href="/directory/contact?provider=${encodeURIComponent(replica.actorUri)}">${t("directory.contact")}</a> · <a href="/directory">${t("directory.title")}</a></p>`,
    );
  });

  app.post(
    "/directory/contact",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => htmlFailure(c, { code: "too_large", reason: "request.tooLarge" }),
    }),
    async (c) => {
      const t = c.get("t");
      const body = await c.req.parseBody();
      const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
      const provider = await providerOf(field("provider"));
      if (!provider) return page(c, t("directory.title"), directoryNotFound(t), 404);
      const form: ContactForm = {
        senderName: field("senderName"),
        senderEmail: field("senderEmail"),
        organisation: field("organisation"),
        needs: field("needs"),
        message: field("message"),
      };
      const again = async (notice: string, status: 400 | 422 | 429, fields?: Record<string, string>) =>
        page(
          c,
          t("directory.contact.title", { name: provider.name }),
          contactPage({
            t,
            provider,
            token: await tokens.issue(provider.actorUri),
            form,
            notice,
            ...(fields ? { fields } : {}),
          }),
          status,
        );
      // A filled honeypot is a bot: answer as if sent, keep nothing.
      if (field("website"))
        return page(
          c,
          t("directory.contact.title", { name: provider.name }),
          contactPage({ t, provider, token: "", sent: true }),
        );
      const check = await tokens.check(field("token"), provider.actorUri);
      if (check === "too-fast") return again(t("directory.contact.tooFast"), 429);
      if (check === "invalid") return again(t("directory.contact.expired"), 400);
      if (!(await takeContactSlot(database.db, clientAddress(c, services))))
        return again(t("directory.contact.rateLimited"), 429);
      const record = await findProviderActor(database.db);
      if (!record) return page(c, t("directory.title"), directoryNotFound(t), 404);
      const result = await submitInquiry(
        database.db,
        {
          providerActorUri: provider.actorUri,
          senderName: form.senderName ?? "",
          senderEmail: form.senderEmail ?? "",
          message: form.message ?? "",
          ...(form.organisation ? { organisation: form.organisation } : {}),
          ...(form.needs ? { needs: form.needs } : {}),
          language: c.get("locale"),
        },
        localActorUri(config.origin, record.identifier),
      );
      if (!result.ok) {
        if (result.error.code === "rate_limited") return again(t("directory.contact.rateLimited"), 429);
        return again(t("directory.contact.invalid"), 422, fieldTexts(t, result.error.fields));
      }
      return page(
        c,
        t("directory.contact.title", { name: provider.name }),
        contactPage({ t, provider, token: "", sent: true }),
      );
    },
  );

  return app;
}

/** "This search is not valid: kind: Choose one of the options." or "This search is too costly…". */
function searchError(t: Translate, failure: Failure): string {
  return failure.code === "invalid"
    ? t("directory.error", { message: failureSummary(t, failure) })
    : failureText(t, failure);
}

function directoryNotFound(t: (k: string) => string) {
  return html`<p>${t("directory.contact.unknown")}</p><p><a href="/directory">${t("directory.title")}</a></p>`;
}
