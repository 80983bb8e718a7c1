// The public network pages: the networks this instance is a member of, and one network's name, purpose,
// charter and members. Public material only; motions, ballots and answers are for members.
import type { networkWatchSection } from "./watch-section.ts";
import { html, raw } from "hono/html";
import type { KnownProvider } from "../../domain/directory/names.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import type { NetworkView } from "../../domain/networks/operations.ts";
import { formatNumber } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { charterSection, memberLink, memberList } from "./network-parts.ts";

const current = (n: NetworkView) => n.members.filter((m) => m.state !== "left" && m.state !== "expelled").length;

export function publicNetworkList(p: { t: Translate; locale: string; networks: readonly NetworkView[] }) {
  const { t, locale } = p;
  return html`<h1>${t("networks.public.title")}</h1><p>${t("networks.public.intro")}</p>
${
  p.networks.length
    ? html`<ul class="networks">${p.networks.map(
        (n) =>
          html`<li><a href="/networks/${n.key}"><strong>${n.name}</strong></a> · ${t("networks.public.members", { count: current(n), n: formatNumber(locale, current(n)) })}</li>`,
      )}</ul>`
    : html`<p>${t("networks.public.none")}</p>`
}`;
}

export function publicNetworkPage(p: {
  t: Translate;
  locale: string;
  network: NetworkView;
  founder: string | undefined;
  known: ReadonlyMap<string, KnownProvider>;
  watch: Awaited<ReturnType<typeof networkWatchSection>>;
}) {
  const { t, locale, network: n } = p;
  return html`<article class="network-page"><h1>${n.name}</h1>
${n.charter.purpose ? html`<div class="purpose">${raw(renderMarkdown(n.charter.purpose))}</div>` : ""}
<dl>${p.founder ? html`<dt>${t("networks.public.founder")}</dt><dd>${memberLink(p.founder, p.known)}</dd>` : ""}
<dt>${t("networks.public.key")}</dt><dd><code>${n.key}</code></dd>
<dt>${t("networks.public.id")}</dt><dd><code>${n.id}</code></dd></dl>
<p>${t("networks.public.howToJoin")}</p>
${memberList({ t, locale, members: n.members, known: p.known })}
${p.watch}
${charterSection({ t, locale, charter: { ...n.charter, purpose: "" } })}
<p><a href="/networks">${t("networks.public.all")}</a></p></article>`;
}
