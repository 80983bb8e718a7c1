// The public directory: /directory (search), /directory/find (find a host), /directory/contact.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import { findHost, parseFitInput } from "../../domain/directory/fit.ts";
import { takeContactSlot } from "../../domain/directory/contact-limit.ts";
import { submitInquiry } from "../../domain/directory/inquiries.service.ts";
import { localReplicaSyncer, localActorUri } from "../../domain/directory/local-replica.ts";
import { findReplica } from "../../domain/directory/replica.repository.ts";
import { parseDirectoryQuery } from "../../domain/directory/search-query.ts";
import { searchDirectory } from "../../domain/directory/search.service.ts";
import { findProvider } from "../../domain/provider/provider.repository.ts";
import type { WebDeps } from "../deps.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { contactPage, directoryPage, findHostPage, type ContactForm } from "../views/directory.ts";
import { clientAddress } from "../client-address.ts";
import { layout } from "../views/layout.ts";
import { contactTokens } from "./contact-token.ts";

type Env = { Variables: LocaleVariables };

export function directoryRoutes(deps: WebDeps) {
  const app = new Hono<Env>();
  const { services } = deps;
  const { database, config } = services;
  const syncLocal = localReplicaSyncer(database.db, config.origin);
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
    const parsed = parseDirectoryQuery(params);
    await syncLocal();
    const query = parsed.ok ? parsed.value : { page: 1, pageSize: 20 };
    const result = await searchDirectory(database, query, { staleAfterMs: config.directoryStaleAfterMs });
    const error = parsed.ok
      ? undefined
      : t("directory.error", {
          message:
            Object.entries(parsed.error.fields ?? {})
              .map(([k, v]) => `${k}: ${v}`)
              .join("; ") || parsed.error.message,
        });
    return page(
      c,
      t("directory.title"),
      directoryPage({ t, locale: c.get("locale"), query, result, params, ...(error ? { error } : {}) }),
      parsed.ok ? 200 : 400,
    );
  });

  app.get("/directory/find", async (c) => {
    const t = c.get("t");
    const params = new URL(c.req.url).searchParams;
    if (params.size === 0) return page(c, t("directory.find.title"), findHostPage({ t, locale: c.get("locale") }));
    const parsed = parseFitInput(params);
    if (!parsed.ok) {
      const message =
        Object.entries(parsed.error.fields ?? {})
          .map(([k, v]) => `${k}: ${v}`)
          .join("; ") || parsed.error.message;
      return page(
        c,
        t("directory.find.title"),
        findHostPage({ t, locale: c.get("locale"), error: t("directory.error", { message }) }),
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
    return page(
      c,
      t("directory.contact.title", { name: provider.name }),
      contactPage({ t, provider, token: await tokens.issue(provider.actorUri) }),
    );
  });

  app.post(
    "/directory/contact",
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Too large", 413) }),
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
      const record = await findProvider(database.db);
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
        localActorUri(config.origin, record.handle),
      );
      if (!result.ok) {
        if (result.error.code === "rate_limited") return again(t("directory.contact.rateLimited"), 429);
        return again(t("directory.contact.invalid"), 422, result.error.fields ? { ...result.error.fields } : undefined);
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

function directoryNotFound(t: (k: string) => string) {
  return html`<p>${t("directory.contact.unknown")}</p><p><a href="/directory">${t("directory.title")}</a></p>`;
}
