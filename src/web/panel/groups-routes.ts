// Working groups under /admin/groups: the groups hosted here, founding one in a network, joining one
// anywhere by its handle, and a group's members and tasks. The same domain functions and request
// schemas as /api/v1/groups.
import { Hono } from "hono";
import {
  addGroupTask,
  approveMember,
  createGroup,
  groupTasks,
  groupView as findGroupView,
  listGroupViews,
  setGroupTaskState,
} from "../../domain/groups/groups.ts";
import { listJoinedGroups } from "../../domain/following/following.ts";
import { GROUP_HANDLE } from "../../domain/groups/rules.ts";
import { fieldErrors } from "../../domain/validation.ts";
import { followRemote } from "../../federation/follow-remote.ts";
import { fieldTexts } from "../../i18n/failures.ts";
import { groupCreateSchema, groupJoinSchema, taskCreateSchema } from "../api/group-schemas.ts";
import type { WebDeps } from "../deps.ts";
import { failureText } from "../errors.ts";
import type { Errors } from "../views/panel/forms.ts";
import { groupsView, groupView, type GroupFormValues } from "../views/panel/groups-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { formFailure } from "./form-failure.ts";
import {
  field,
  formOf,
  pageContext,
  requireAdmin,
  requireOperator,
  type PanelContext,
  type PanelEnv,
} from "./guard.ts";

const doneMessages = new Set(["created", "joining", "joined", "approved", "taskAdded", "taskState"]);
const blankGroup: GroupFormValues = { network: "", handle: "", name: "", purpose: "" };

export function groupsRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services, networks, federation, localActors } = deps;
  const db = services.database.db;
  const host = new URL(services.config.origin).host;
  app.use("*", requireOperator(services), requireAdmin());

  const doneText = (c: PanelContext) => {
    const done = c.req.query("done");
    return done && doneMessages.has(done) ? c.get("t")(`panel.groups.done.${done}`) : undefined;
  };

  async function listPage(
    c: PanelContext,
    forms: { create?: { values: GroupFormValues; errors: Errors }; join?: { value: string; errors: Errors } } = {},
    status: 200 | 422 = 200,
  ) {
    const t = c.get("t");
    const [groups, joined, mine] = await Promise.all([listGroupViews(db), listJoinedGroups(db), networks.list()]);
    const body = groupsView({
      t,
      csrf: c.get("csrf"),
      host,
      groups,
      joined,
      networks: mine.filter((n) => n.status === "member").map((n) => ({ value: n.key, label: n.name })),
      create: forms.create ?? { values: blankGroup, errors: {} },
      join: forms.join ?? { value: "", errors: {} },
      done: doneText(c),
    });
    return c.html(panelPage(pageContext(c, "/admin/groups"), t("panel.groups.title"), body), status);
  }

  app.get("/", (c) => listPage(c));

  app.post("/", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const values = {
      network: field(form, "network"),
      handle: field(form, "handle"),
      name: field(form, "name"),
      purpose: field(form, "purpose"),
    };
    const parsed = groupCreateSchema.safeParse(values);
    if (!parsed.success)
      return listPage(c, { create: { values, errors: fieldTexts(t, fieldErrors(parsed.error)) } }, 422);
    const network = await networks.get(parsed.data.network);
    if (network?.status !== "member")
      return listPage(c, { create: { values, errors: { network: t("errors.group.networkUnknown") } } }, 422);
    const result = await createGroup(db, { ...parsed.data, network: network.id });
    if (!result.ok) return listPage(c, { create: { values, errors: formFailure(t, result.error) } }, 422);
    localActors.invalidate();
    return c.redirect(`/admin/groups/${result.value.handle}?done=created`, 303);
  });

  app.post("/join", async (c) => {
    const t = c.get("t");
    const value = field(await formOf(c), "group");
    const parsed = groupJoinSchema.safeParse({ group: value });
    if (!parsed.success) return listPage(c, { join: { value, errors: { group: t("errors.field.required") } } }, 422);
    const result = await followRemote(federation, services, parsed.data.group);
    if (!result.ok) {
      const errors = result.error.fields
        ? Object.values(fieldTexts(t, result.error.fields))
        : [failureText(t, result.error)];
      return listPage(c, { join: { value, errors: { group: errors.join(" ") } } }, 422);
    }
    return c.redirect(`/admin/groups?done=${result.value.state === "accepted" ? "joined" : "joining"}`, 303);
  });

  async function groupPage(
    c: PanelContext,
    handle: string,
    task: { values: { title: string; assignee: string }; errors: Errors } = {
      values: { title: "", assignee: "" },
      errors: {},
    },
    status: 200 | 422 = 200,
  ) {
    const group = GROUP_HANDLE.test(handle) ? await findGroupView(db, handle) : undefined;
    if (!group) return c.notFound();
    const tasks = await groupTasks(db, handle);
    const t = c.get("t");
    const body = groupView({
      t,
      csrf: c.get("csrf"),
      acct: `@${group.handle}@${host}`,
      group,
      tasks: tasks.ok ? tasks.value : [],
      task,
      done: doneText(c),
    });
    return c.html(panelPage(pageContext(c, "/admin/groups"), group.name, body), status);
  }

  app.get("/:handle", (c) => groupPage(c, c.req.param("handle")));

  app.post("/:handle/members", async (c) => {
    const handle = c.req.param("handle");
    const result = await approveMember(db, handle, field(await formOf(c), "actor"));
    if (!result.ok) return c.notFound();
    return c.redirect(`/admin/groups/${handle}?done=approved#members-title`, 303);
  });

  app.post("/:handle/tasks", async (c) => {
    const handle = c.req.param("handle");
    const form = await formOf(c);
    const values = { title: field(form, "title"), assignee: field(form, "assignee") };
    const parsed = taskCreateSchema.safeParse({ title: values.title, assignee: values.assignee.trim() || null });
    if (!parsed.success)
      return groupPage(c, handle, { values, errors: fieldTexts(c.get("t"), fieldErrors(parsed.error)) }, 422);
    const result = await addGroupTask(db, handle, {
      title: parsed.data.title,
      assignee: parsed.data.assignee ?? null,
      state: "open",
    });
    if (!result.ok) return c.notFound();
    return c.redirect(`/admin/groups/${handle}?done=taskAdded#tasks-title`, 303);
  });

  app.post("/:handle/tasks/:id/state", async (c) => {
    const handle = c.req.param("handle");
    const result = await setGroupTaskState(db, handle, c.req.param("id"), field(await formOf(c), "state"));
    if (!result.ok && result.error.code === "not_found") return c.notFound();
    if (!result.ok)
      return groupPage(
        c,
        handle,
        { values: { title: "", assignee: "" }, errors: { state: failureText(c.get("t"), result.error) } },
        422,
      );
    return c.redirect(`/admin/groups/${handle}?done=taskState#tasks-title`, 303);
  });

  return app;
}
