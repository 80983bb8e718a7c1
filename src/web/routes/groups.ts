// The public page of a working group hosted here: /groups/{handle}. HTML for browsers; the Group actor
// itself is at /actors/{handle} for ActivityPub clients.
import { Hono } from "hono";
import { findProvider } from "../../domain/provider/provider.repository.ts";
import { groupTasks, groupView } from "../../domain/groups/groups.ts";
import { GROUP_HANDLE } from "../../domain/groups/rules.ts";
import type { WebDeps } from "../deps.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { layout } from "../views/layout.ts";
import { publicGroupPage } from "../views/groups.ts";

type Env = { Variables: LocaleVariables };

export function groupPublicRoutes({ services, localActors }: WebDeps) {
  const app = new Hono<Env>();
  const { db } = services.database;
  const host = new URL(services.config.origin).host;

  app.get("/groups/:handle", async (c) => {
    const handle = c.req.param("handle");
    const group = GROUP_HANDLE.test(handle) ? await groupView(db, handle) : undefined;
    if (!group) return c.notFound();
    const [tasks, provider] = await Promise.all([groupTasks(db, handle), findProvider(db)]);
    const openTasks = tasks.ok ? tasks.value.filter((task) => task.state !== "done").length : 0;
    const t = c.get("t");
    return c.html(
      layout({
        locale: c.get("locale"),
        t,
        path: c.req.path,
        title: group.name,
        description: group.purpose,
        alternate: localActors.uri(handle).href,
        body: publicGroupPage({
          t,
          locale: c.get("locale"),
          group,
          acct: `@${handle}@${host}`,
          provider: provider ? { name: provider.name, href: localActors.uri(provider.handle).pathname } : undefined,
          openTasks,
        }),
      }),
    );
  });
  return app;
}
