// Shared documents: a public document goes to the provider's followers as a Create or an Update of its
// Article; a network document to each current member of its network by name, HTTP-signed as the
// networks' objects are, never to `as:Public`; a group document to the group alone, whose host announces
// it to the group's members (whom only the host knows). A proposed change goes to the document's author as an
// Offer; the author's decision goes back to the proposer as an Accept or a Reject.
import { Activity } from "@fedify/vocab";
import { findDocument, findProposal } from "../../domain/docs/docs.repository.ts";
import { getDocument } from "../../domain/docs/docs.ts";
import type { DocsEvent } from "../../domain/docs/events.ts";
import { articleOf } from "../docs/article-of.ts";
import { answerOf, offerOf } from "../docs/offers.ts";
import { postTo } from "../networks/deliver.ts";
import { isCurrentMember, membersOf } from "../networks/membership.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { sendToFollowers } from "./fanout.ts";
import { activityId, type Outgoing, type Senders } from "./outgoing.ts";

const runtimeOf = ({ ctx, services, actors }: Outgoing) => networksRuntime(services, ctx.federation, actors);

const withoutContext = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== "@context"));

export const docsSenders: Senders<DocsEvent["commonhost"]> = {
  async "docs.document.published"(out, event) {
    const { ctx, services } = out;
    const found = await getDocument(services.database.db, event.id);
    if (!found.ok || !found.value.document.local) return;
    const view = found.value;
    const { document } = view;
    const rt = runtimeOf(out);
    const self = await rt.self();
    if (!self || self.actor !== document.author) return;
    const type = event.created ? "Create" : "Update";
    const id = activityId(new URL(self.actor), event.created ? "docs-creates" : "docs-updates").href;
    if (document.audience === "public") {
      const article = articleOf(view, services.config.origin, {
        followers: ctx.getFollowersUri(self.identifier).href,
      });
      const json = { "@context": article["@context"], id, type, actor: self.actor, to: article.to, cc: article.cc };
      const activity = await Activity.fromJsonLd(
        { ...json, object: withoutContext(article) },
        { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader },
      );
      await sendToFollowers(ctx, self.identifier, activity);
      return;
    }
    if (document.audience === "group" && document.group) {
      const article = articleOf(view, services.config.origin, { members: [document.group] });
      const create = { "@context": article["@context"], id, type, actor: self.actor, to: article.to };
      await postTo(rt, self, document.group, { ...create, audience: document.group, object: withoutContext(article) });
      return;
    }
    if (document.audience !== "network" || !document.network) return;
    // A provider that left the network no longer sends its documents there.
    if (!(await isCurrentMember(rt, document.network, self.actor))) return;
    const members = (await membersOf(rt, document.network)).filter((m) => m !== self.actor);
    if (members.length === 0) return;
    const article = articleOf(view, services.config.origin, { members });
    const activity = {
      "@context": article["@context"],
      id,
      type,
      actor: self.actor,
      to: article.to,
      object: withoutContext(article),
    };
    const failed: string[] = [];
    for (const member of members) {
      try {
        await postTo(rt, self, member, activity);
      } catch (err) {
        services.logger.warn({ err, to: member, id: document.id }, "document not delivered to a member");
        failed.push(member);
      }
    }
    // Retried from the queue; members that already have it recognise the revision and keep one.
    if (failed.length) throw new Error(`document ${document.id} not delivered to ${failed.length} member(s)`);
  },

  async "docs.proposal.offered"(out, event) {
    const { db } = out.services.database;
    const row = await findProposal(db, event.key);
    const doc = row && (await findDocument(db, row.document));
    const rt = runtimeOf(out);
    const self = await rt.self();
    if (!row || !doc || doc.local || !self || row.proposer !== self.actor || row.state !== "open") return;
    await postTo(rt, self, doc.author, offerOf(row, doc.author));
  },

  async "docs.proposal.decided"(out, event) {
    const { db } = out.services.database;
    const row = await findProposal(db, event.key);
    const rt = runtimeOf(out);
    const self = await rt.self();
    if (!row || !self || row.proposer === self.actor || row.state === "open") return;
    await postTo(
      rt,
      self,
      row.proposer,
      answerOf(row, self.actor, activityId(new URL(self.actor), "docs-answers").href),
    );
  },
};
