import { html } from "hono/html";
import type { Peer } from "../../../domain/directory/peers.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, notice, textField } from "./forms.ts";

const when = (d: Date | string, locale: string) => formatDateTime(locale, d);

export function networkView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  peers: Peer[];
  target?: string;
  error?: string | undefined;
  done?: string | undefined;
}) {
  const { t } = p;
  return html`<h1>${t("panel.network.title")}</h1>${notice(p.done)}<p>${t("panel.network.intro")}</p>
${errorSummary(t, p.error ? { target: p.error } : {}, { target: t("panel.network.target") })}
<form method="post" action="/admin/network/peers">${csrfField(p.csrf)}${textField({ name: "target", label: t("panel.network.target"), hint: t("panel.network.targetHint"), value: p.target, error: p.error, required: true })}
<p><button type="submit">${t("panel.network.add")}</button></p></form>
<h2>${t("panel.network.peers")}</h2>
${
  p.peers.length
    ? html`<ul>${p.peers.map(
        (
          peer,
        ) => html`<li><strong>${peer.name ?? peer.handle ?? peer.actorUri}</strong> ${peer.handle ? html`<code>${peer.handle}</code>` : ""} · ${t(`panel.network.state.${peer.state}`)}
${peer.lastSeenAt ? html` · ${t("panel.network.lastSeen", { date: when(peer.lastSeenAt, p.locale) })}` : ""}
<a href="/admin/network/peers/remove?actor=${encodeURIComponent(peer.actorUri)}" class="button">${t("panel.network.remove")}</a></li>`,
      )}</ul>`
    : html`<p>${t("panel.network.noPeers")}</p>`
}
<h2>${t("panel.network.inquiries")}</h2>
<p><a href="/admin/inquiries">${t("panel.network.inquiriesMoved")}</a></p>`;
}
