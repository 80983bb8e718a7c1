// The working groups' pages of the panel: the groups hosted here with the forms to found one and to
// join one elsewhere, and a group's members (applicants approved here) and tasks. Plain forms.
import { html } from "hono/html";
import type { Followed } from "../../../domain/following/following.ts";
import type { GroupView } from "../../../domain/groups/groups.ts";
import type { GroupTask } from "../../../domain/groups/groups.repository.ts";
import { TASK_STATES } from "../../../domain/groups/rules.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, notice, selectField, textArea, textField, type Errors } from "./forms.ts";

export type GroupFormValues = { network: string; handle: string; name: string; purpose: string };

export function groupsView(p: {
  t: Translate;
  csrf: string;
  host: string;
  groups: GroupView[];
  /** The groups on other instances this provider joined or asked to join. */
  joined: Followed[];
  networks: { value: string; label: string }[];
  create: { values: GroupFormValues; errors: Errors };
  join: { value: string; errors: Errors };
  done?: string | undefined;
}) {
  const { t, create, join } = p;
  const labels = {
    network: t("panel.groups.field.network"),
    handle: t("panel.groups.field.handle"),
    name: t("panel.groups.field.name"),
    purpose: t("panel.groups.field.purpose"),
  };
  return html`<h1>${t("panel.groups.title")}</h1>${notice(p.done)}
<section aria-labelledby="hosted-title"><h2 id="hosted-title">${t("panel.groups.hosted")}</h2>
${
  p.groups.length
    ? html`<ul class="announcements">${p.groups.map((g) => {
        const members = g.followers.filter((f) => f.role === "member").length;
        const applicants = g.followers.length - members;
        return html`<li data-group="${g.handle}"><p><a href="/admin/groups/${g.handle}"><strong>${g.name}</strong></a> <code>@${g.handle}@${p.host}</code></p>
<p>${t("panel.groups.counts", { members, applicants })}</p></li>`;
      })}</ul>`
    : html`<p>${t("panel.groups.none")}</p>`
}</section>
<section aria-labelledby="joined-title"><h2 id="joined-title">${t("panel.groups.joined")}</h2>
${
  p.joined.length
    ? html`<ul>${p.joined.map(
        (g) =>
          html`<li data-joined="${g.actorUri}">${g.name ?? g.handle ?? g.actorUri}${g.handle ? html` <code>${g.handle}</code>` : ""} · ${t(`panel.groups.joinState.${g.state}`)}</li>`,
      )}</ul>`
    : html`<p>${t("panel.groups.noneJoined")}</p>`
}</section>
<section aria-labelledby="create-title"><h2 id="create-title">${t("panel.groups.create")}</h2>
${errorSummary(t, create.errors, labels)}${create.errors._form ? html`<p class="error">${create.errors._form}</p>` : ""}
${
  p.networks.length
    ? html`<form method="post" action="/admin/groups#create-title">${csrfField(p.csrf)}
${selectField({ name: "network", label: labels.network, value: create.values.network, error: create.errors.network, options: p.networks })}
${textField({ name: "handle", label: labels.handle, value: create.values.handle, error: create.errors.handle, hint: t("panel.groups.hint.handle", { host: p.host }), required: true })}
${textField({ name: "name", label: labels.name, value: create.values.name, error: create.errors.name, required: true })}
${textArea({ name: "purpose", label: labels.purpose, value: create.values.purpose, error: create.errors.purpose, rows: 4 })}
<p class="actions"><button type="submit" class="primary">${t("panel.groups.createAction")}</button></p></form>`
    : html`<p>${t("panel.groups.noNetwork")} <a href="/admin/networks">${t("panel.groups.toNetworks")}</a></p>`
}</section>
<section aria-labelledby="join-title"><h2 id="join-title">${t("panel.groups.join")}</h2><p>${t("panel.groups.joinIntro")}</p>
<form method="post" action="/admin/groups/join#join-title">${csrfField(p.csrf)}
${textField({ name: "group", label: t("panel.groups.field.group"), value: join.value, error: join.errors.group, hint: t("panel.groups.hint.group"), required: true })}
<p class="actions"><button type="submit">${t("panel.groups.joinAction")}</button></p></form></section>`;
}

export function groupView(p: {
  t: Translate;
  csrf: string;
  acct: string;
  group: GroupView;
  tasks: GroupTask[];
  task: { values: { title: string; assignee: string }; errors: Errors };
  done?: string | undefined;
}) {
  const { t, group: g, task } = p;
  const base = `/admin/groups/${g.handle}`;
  const stateOptions = TASK_STATES.map((s) => ({ value: s, label: t(`panel.groups.task.${s}`) }));
  return html`<h1>${g.name}</h1>${notice(p.done)}<p><code>${p.acct}</code> · <a href="/groups/${g.handle}">${t("panel.groups.publicPage")}</a></p>
<p>${g.purpose}</p>
<section aria-labelledby="members-title"><h2 id="members-title">${t("panel.groups.members")}</h2>
${
  g.followers.length
    ? html`<ul>${g.followers.map(
        (f) =>
          html`<li data-member="${f.actorUri}">${f.name ?? f.handle ?? f.actorUri}${f.handle ? html` <code>${f.handle}</code>` : ""} · ${t(`panel.groups.role.${f.role}`)}${
            f.role === "applicant"
              ? html` <form method="post" action="${base}/members" class="inline">${csrfField(p.csrf)}<input type="hidden" name="actor" value="${f.actorUri}"><button type="submit">${t("panel.groups.approve")}</button></form>`
              : ""
          }</li>`,
      )}</ul>`
    : html`<p>${t("panel.groups.noMembers")}</p>`
}</section>
<section aria-labelledby="tasks-title"><h2 id="tasks-title">${t("panel.groups.tasks")}</h2>
${
  p.tasks.length
    ? html`<ul class="announcements">${p.tasks.map(
        (
          k,
        ) => html`<li data-task="${k.id}"><p><strong>${k.title}</strong>${k.assignee ? html` · ${t("panel.groups.assignedTo", { who: k.assignee })}` : ""}</p>
<form method="post" action="${base}/tasks/${k.id}/state" class="row-actions">${csrfField(p.csrf)}${selectField({ name: "state", id: `f-state-${k.id}`, label: t("panel.groups.field.state"), value: k.state, options: stateOptions })}<button type="submit">${t("panel.groups.changeState")}</button></form></li>`,
      )}</ul>`
    : html`<p>${t("panel.groups.noTasks")}</p>`
}
<h3 id="add-task">${t("panel.groups.addTask")}</h3>
${errorSummary(t, task.errors, { title: t("panel.groups.field.taskTitle"), assignee: t("panel.groups.field.assignee") })}
<form method="post" action="${base}/tasks#add-task">${csrfField(p.csrf)}
${textField({ name: "title", label: t("panel.groups.field.taskTitle"), value: task.values.title, error: task.errors.title, required: true })}
${textField({ name: "assignee", label: t("panel.groups.field.assignee"), value: task.values.assignee, error: task.errors.assignee, hint: t("panel.groups.hint.assignee") })}
<p class="actions"><button type="submit" class="primary">${t("panel.groups.addTaskAction")}</button></p></form></section>
<p><a href="/admin/groups">${t("panel.groups.title")}</a></p>`;
}
