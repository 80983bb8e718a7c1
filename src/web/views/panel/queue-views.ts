// The delivery queue in the panel: counts, and the dead letters with retry and drop.
import { html } from "hono/html";
import type { DeadLetter, QueueStatus } from "../../../db/queue-admin.ts";
import { describeQueueMessage } from "../../../db/queue-message-summary.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, notice } from "./forms.ts";

export function queueView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  status: QueueStatus;
  letters: DeadLetter[];
  done?: string | undefined;
}) {
  const { t, status } = p;
  const number = new Intl.NumberFormat(p.locale);
  const when = new Intl.DateTimeFormat(p.locale, { dateStyle: "medium", timeStyle: "short" });
  const row = (key: string, n: number) => html`<dt>${t(`panel.queue.count.${key}`)}</dt><dd>${number.format(n)}</dd>`;
  return html`<h1>${t("panel.queue.title")}</h1>${notice(p.done)}
<p>${t("panel.queue.intro")}</p>
<dl class="queue-counts">${row("pending", status.ready + status.delayed)}${row("inProgress", status.inProgress)}${row("retrying", status.retrying)}${row("dead", status.deadLetters)}</dl>
<h2>${t("panel.queue.dead")}</h2>
${
  p.letters.length
    ? html`<ol class="dead-letters">${p.letters.map(
        (l) => html`<li id="dead-${l.messageId}"><p><strong>${describeQueueMessage(l.payload)}</strong></p>
<p><small>${t("panel.queue.letter", { id: l.messageId, attempts: l.attempts, date: when.format(l.failedAt) })}</small></p>
${l.lastError ? html`<p class="error-text"><code>${l.lastError.slice(0, 500)}</code></p>` : ""}
<div class="actions"><form method="post" action="/admin/queue/dead/${l.messageId}/retry" class="inline">${csrfField(p.csrf)}<button type="submit">${t("panel.queue.retry")}</button></form>
<form method="post" action="/admin/queue/dead/${l.messageId}/drop" class="inline">${csrfField(p.csrf)}<button type="submit">${t("panel.queue.drop")}</button></form></div></li>`,
      )}</ol>`
    : html`<p>${t("panel.queue.noDead")}</p>`
}`;
}
