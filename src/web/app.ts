// The HTTP face of an instance: Fedify for ActivityPub, Hono for pages and the API.
import { Hono } from "hono";
import { sql } from "drizzle-orm";
import { serveStatic } from "@hono/node-server/serve-static";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { findAnnouncement } from "../domain/announcements/announcements.ts";
import { apiRoutes } from "./api/routes.ts";
import type { WebDeps } from "./deps.ts";
import { apiError, apiTranslator, unexpectedError } from "./errors.ts";
import { serveActorDocument, serveWebFinger, wantsActivityJson } from "./fast-paths.ts";
import { inboxLimits } from "./middleware/inbox-limits.ts";
import { inboxTrust } from "./middleware/inbox-trust.ts";
import { followersCursor } from "./middleware/collection-cursor.ts";
import { localeMiddleware, type LocaleVariables } from "./middleware/locale.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { aidPublicRoutes } from "./routes/aid.ts";
import { directoryRoutes } from "./routes/directory.ts";
import { docsPublicRoutes } from "./routes/docs.ts";
import { libraryPublicRoutes } from "./routes/library.ts";
import { mediaRoutes } from "./routes/media.ts";
import { networkSyncRoutes } from "./routes/network-sync.ts";
import { docsHeadsRoutes } from "./routes/docs-heads.ts";
import { groupMembersRoutes } from "./routes/group-members.ts";
import { groupPublicRoutes } from "./routes/groups.ts";
import { networkPublicRoutes } from "./routes/networks.ts";
import { publicRoutes } from "./routes/public.ts";
import { languageRoute, panelRoutes } from "./panel/routes.ts";
import { notFoundPage } from "./views/not-found.ts";

export type App = Hono<{ Variables: LocaleVariables }>;

const publicDir = relative(process.cwd(), join(import.meta.dirname, "..", "..", "public"));

export function createApp(deps: WebDeps): App {
  const app: App = new Hono();
  const { services, federation } = deps;

  // Fast paths, ahead of every middleware and of Fedify: the documents every remote server asks for,
  // answered with their headers complete (a middleware that edits a finished response copies it).
  app.get("/actors/:identifier", async (c, next) => {
    if (!wantsActivityJson(c.req.header("accept"))) return next();
    return (await serveActorDocument(deps, c)) ?? next();
  });
  app.get("/.well-known/webfinger", (c) => serveWebFinger(deps, c));

  app.use(securityHeaders());

  // Browsers ask for /favicon.ico whatever the page links to: the same icon, without a 404.
  const favicon = readFileSync(join(import.meta.dirname, "..", "..", "public", "favicon.svg"));
  app.get("/favicon.ico", (c) =>
    c.body(favicon, 200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=604800" }),
  );

  app.get("/healthz", async (c) => {
    try {
      await services.database.rows(sql`select 1`);
      return c.json({ status: "ok" });
    } catch {
      return c.json(
        { status: "unavailable", error: { code: "database", message: "The database does not answer." } },
        503,
      );
    }
  });

  // A deleted announcement answers 410 Gone to ActivityPub clients as well as to browsers.
  app.get("/announcements/:id", async (c, next) => {
    if (!wantsActivityJson(c.req.header("accept"))) return next();
    const row = await findAnnouncement(services.database.db, c.req.param("id"));
    if (!row?.deletedAt) return next();
    return c.json(
      {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: new URL(c.req.path, services.config.origin).href,
        type: "Tombstone",
        deleted: row.deletedAt.toISOString(),
      },
      410,
    );
  });

  app.use("/inbox", inboxLimits(services.config.inboxMaxBytes));
  app.use("/actors/:identifier/inbox", inboxLimits(services.config.inboxMaxBytes));

  app.get("/actors/:identifier/followers", followersCursor());
  // Who sent it, before Fedify: on every URL Fedify would take as an inbox.
  app.use(inboxTrust(deps));

  app.route("/api", apiRoutes(deps));
  app.route("/", mediaRoutes(deps));
  app.route("/", networkSyncRoutes(deps));
  app.route("/", groupMembersRoutes(deps));
  app.route("/", docsHeadsRoutes(deps));
  app.route("/", aidPublicRoutes(deps));

  // Everything ActivityPub (inboxes, collections, objects, WebFinger, NodeInfo) goes to Fedify;
  // what Fedify does not serve, or a browser asking for HTML, falls through to the pages.
  app.use(async (c, next) => {
    return federation.fetch(c.req.raw, {
      contextData: services,
      onNotFound: async () => {
        await next();
        return c.res;
      },
      onNotAcceptable: async () => {
        await next();
        if (c.res.status !== 404) return c.res;
        return new Response("Not acceptable", {
          status: 406,
          headers: { "Content-Type": "text/plain", Vary: "Accept" },
        });
      },
    });
  });

  app.use("/static/*", serveStatic({ root: publicDir, rewriteRequestPath: (p) => p.replace(/^\/static/, "") }));
  app.use(localeMiddleware());
  app.route("/admin", panelRoutes(deps));
  app.route("/", languageRoute());
  app.route("/", directoryRoutes(deps));
  app.route("/", networkPublicRoutes(deps));
  app.route("/", groupPublicRoutes(deps));
  app.route("/", docsPublicRoutes(deps));
  app.route("/", libraryPublicRoutes(deps));
  app.route("/", publicRoutes(deps));

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? apiError(c, 404, "not_found", apiTranslator(c)("errors.noEndpoint"))
      : notFoundPage(c),
  );
  app.onError((err, c) => {
    services.logger.error({ err, path: c.req.path }, "request failed");
    return unexpectedError(c);
  });
  return app;
}
