// The page of a document written here: /docs/{key}, which is also the document's id. HTML for
// browsers, the `Article` for `Accept: application/activity+json`. A network document is shown only to
// a request signed by a current member of its network: anything else (unsigned, a non-member, a
// suspended member) gets the same 404 as an unknown key, as the network sync routes do. A group document
// likewise, to a request signed by a current member of its group (its host says who is).
import { type Context, Hono } from "hono";
import { kvStoreFor } from "../../db/kv-store.ts";
import { type DocumentView, getDocument } from "../../domain/docs/docs.ts";
import { chooseLanguage, preferredLanguages } from "../../domain/docs/translations.ts";
import { articleOf } from "../../federation/docs/article-of.ts";
import { isGroupMember } from "../../federation/docs/group-members.ts";
import { isCurrentMember, membersOf } from "../../federation/networks/membership.ts";
import { signedRequester } from "../../federation/networks/requester.ts";
import { networksRuntime } from "../../federation/networks/runtime.ts";
import type { WebDeps } from "../deps.ts";
import { wantsActivityJson } from "../fast-paths.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { documentPage } from "../views/docs.ts";
import { layout } from "../views/layout.ts";

type Env = { Variables: LocaleVariables };

const KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function docsPublicRoutes({ services, federation, localActors }: WebDeps) {
  const app = new Hono<Env>();
  const { origin } = services.config;
  const { db } = services.database;
  const keyStore = kvStoreFor(services.database);
  const networks = () => networksRuntime(services, federation, localActors);

  /** The document, when this request may read it. */
  async function readable(c: Context<Env>, key: string): Promise<DocumentView | undefined> {
    if (!KEY.test(key)) return undefined;
    const found = await getDocument(db, key);
    if (!found.ok) return undefined;
    const { document } = found.value;
    if (!document.local || document.key !== key) return undefined;
    if (document.audience === "public") return found.value;
    const { network, group } = document;
    if (!network && !group) return undefined;
    const ctx = federation.createContext(c.req.raw, services);
    const loaders = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
    const requester = await signedRequester(c.req.raw, loaders, keyStore);
    if (requester === undefined) return undefined;
    const reads =
      document.audience === "network" && network
        ? await isCurrentMember(networks(), network, requester)
        : document.audience === "group" && group !== null && (await isGroupMember(networks(), group, requester));
    return reads ? found.value : undefined;
  }

  app.get("/docs/:key", async (c) => {
    const view = await readable(c, c.req.param("key"));
    c.header("Vary", "Accept, Signature");
    if (!view) return c.notFound();
    const { document } = view;
    if (wantsActivityJson(c.req.header("accept"))) {
      const identifier = await localActors.providerIdentifier();
      if (identifier === undefined) return c.notFound();
      const ctx = federation.createContext(c.req.raw, services);
      const readers =
        document.audience === "public"
          ? { followers: ctx.getFollowersUri(identifier).href }
          : document.audience === "group"
            ? { members: [document.group!] }
            : { members: await membersOf(networks(), document.network!) };
      return c.body(JSON.stringify(articleOf(view, origin, readers)), 200, {
        "Content-Type": "application/activity+json",
        "Cache-Control": document.audience === "public" ? "public, max-age=60" : "private, no-store",
      });
    }
    const t = c.get("t");
    const locale = c.get("locale");
    const current = view.translations.map((tr) => tr.lang);
    const asked = c.req.query("lang");
    const wanted = asked ? [asked.toLowerCase()] : preferredLanguages(c.req.header("accept-language"));
    const choice = chooseLanguage(view.head.content.lang, current, wanted);
    const shown = choice.translated ? view.translations.find((tr) => tr.lang === choice.lang) : undefined;
    if (document.audience !== "public") c.header("Cache-Control", "private, no-store");
    return c.html(
      layout({
        locale,
        t,
        path: c.req.path,
        title: shown?.title ?? view.head.content.title,
        description: shown?.summary ?? view.head.content.summary,
        alternate: document.id,
        body: documentPage({ t, locale, view, shown, others: choice.others }),
      }),
    );
  });

  return app;
}
