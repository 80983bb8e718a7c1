// A working group's public page: its purpose, its members and how many tasks are open. No script.
import { html } from "hono/html";
import type { GroupView } from "../../domain/groups/groups.ts";
import { formatNumber } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";

export function publicGroupPage(p: {
  t: Translate;
  locale: string;
  group: GroupView;
  acct: string;
  provider: { name: string; href: string } | undefined;
  openTasks: number;
}) {
  const { t, group: g } = p;
  const members = g.followers.filter((f) => f.role === "member");
  return html`<article class="group-page"><h1>${g.name}</h1>
<p><code>${p.acct}</code>${p.provider ? html` · <a href="${p.provider.href}">${t("groups.page.hostedBy", { provider: p.provider.name })}</a>` : ""}</p>
<h2>${t("groups.page.purpose")}</h2><p class="purpose">${g.purpose}</p>
<h2>${t("groups.page.members")}</h2>
${
  members.length
    ? html`<ul class="members">${members.map(
        (m) =>
          html`<li><a href="${m.actorUri}" rel="nofollow noopener">${m.name ?? m.handle ?? m.actorUri}</a>${m.handle ? html` <code>${m.handle}</code>` : ""}</li>`,
      )}</ul>`
    : html`<p>${t("groups.page.noMembers")}</p>`
}
<p class="tasks">${t("groups.page.tasks", { count: p.openTasks, n: formatNumber(p.locale, p.openTasks) })}</p>
<p>${t("groups.page.follow", { handle: p.acct })}</p></article>`;
}
