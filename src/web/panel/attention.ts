// What needs an operator's attention, for the overview. Each area of the panel that can have
// something waiting adds one provider to `attentionProviders`; the overview lists what they return.
import { countDeadLetters } from "../../db/queue-admin.ts";
import { countInquiries } from "../../domain/directory/inquiries.ts";
import { evidenceDueSoon, lapsedEvidence } from "../../domain/profile/profile.schema.ts";
import { formatDate } from "../../i18n/format.ts";
import type { NetworkOperations } from "../../domain/networks/operations.ts";
import { findProvider } from "../../domain/provider/provider.ts";
import type { Translate } from "../../i18n/i18n.ts";
import type { Runtime } from "../../runtime.ts";
import type { PanelOperator } from "./guard.ts";

export type AttentionItem = {
  /** Stable, for tests and styling: "inquiries", "evidence", "dead-letters"… */
  readonly key: string;
  /** One line in the operator's language, with the count in it. */
  readonly text: string;
  /** Where it is dealt with. */
  readonly href: string;
};

export type AttentionContext = {
  services: Runtime;
  networks: NetworkOperations;
  operator: PanelOperator;
  t: Translate;
  today: string;
};
export type AttentionProvider = (ctx: AttentionContext) => Promise<AttentionItem[]>;

/** Inquiries carry people's names and addresses: only administrators see them. */
const newInquiries: AttentionProvider = async ({ services, operator, t }) => {
  if (operator.role !== "admin") return [];
  const { new: count } = await countInquiries(services.database.db);
  return count > 0
    ? [{ key: "inquiries", text: t("panel.attention.inquiries", { count }), href: "/admin/inquiries" }]
    : [];
};

const lapsed: AttentionProvider = async ({ services, t, today }) => {
  const record = await findProvider(services.database.db);
  const count = record ? lapsedEvidence(record.profile, today).length : 0;
  return count > 0
    ? [{ key: "evidence", text: t("panel.attention.evidence", { count }), href: "/admin/profile#f-evidence-0-claim" }]
    : [];
};

/** A reminder before a claim lapses, with the first date, so it can be re-confirmed in time. */
const dueSoon: AttentionProvider = async ({ services, t, today }) => {
  const record = await findProvider(services.database.db);
  const due = record ? evidenceDueSoon(record.profile, today) : [];
  if (!due.length) return [];
  const date = formatDate(t.locale ?? "en", due[0]!.reconfirmBy);
  return [
    {
      key: "evidence-due",
      text: t("panel.attention.evidenceDue", { count: due.length, date }),
      href: "/admin/profile#f-evidence-0-claim",
    },
  ];
};

/** Dead letters are dealt with on the queue page, which only administrators see. */
const deadLetters: AttentionProvider = async ({ services, operator, t }) => {
  if (operator.role !== "admin") return [];
  const count = await countDeadLetters(services.database);
  return count > 0
    ? [{ key: "dead-letters", text: t("panel.attention.deadLetters", { count }), href: "/admin/queue" }]
    : [];
};

/**
 * Open motions this provider may vote on and has not: one line per network, since each network's page
 * holds the ballot forms. Ballots are cast by administrators, who alone see the networks pages.
 */
const unvotedMotions: AttentionProvider = async ({ networks, operator, t }) => {
  if (operator.role !== "admin") return [];
  const items: AttentionItem[] = [];
  for (const network of await networks.list()) {
    if (network.status !== "member" || network.openMotions === 0) continue;
    const motions = await networks.motions(network.key);
    const count = motions.ok ? motions.value.filter((m) => m.state === "open" && m.canVote && !m.mine).length : 0;
    if (count > 0)
      items.push({
        key: "network-motions",
        text: t("networks.attention", { count, network: network.name }),
        href: `/admin/networks/${network.key}`,
      });
  }
  return items;
};

/** In the order the overview shows them. */
export const attentionProviders: AttentionProvider[] = [newInquiries, unvotedMotions, lapsed, dueSoon, deadLetters];

export async function attentionItems(ctx: AttentionContext): Promise<AttentionItem[]> {
  return (await Promise.all(attentionProviders.map((provide) => provide(ctx)))).flat();
}
