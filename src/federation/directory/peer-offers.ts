// Reading a provider's public offers and requests: one GET of the collection its actor names
// (`aidProposals`), through the instance's fetch rules and size limit, one page only. Each item is
// read as an incoming Proposal (zod) and the domain keeps only the provider's own open public ones.
import { parseProposalDocument } from "../aid/documents.ts";
import { replaceOffers } from "../../domain/directory/offers.repository.ts";
import { MAX_DIRECTORY_OFFERS, publicOffersOf } from "../../domain/directory/offers.ts";
import type { AidProposal } from "../../domain/aid/proposals.ts";
import type { Runtime } from "../../runtime.ts";
import { getJson } from "./peer-profile.ts";

/** Items read past this many are not looked at: a long list costs no more than a short one. */
const MAX_ITEMS_READ = MAX_DIRECTORY_OFFERS * 2;

type Listed = { status: "ok"; proposals: AidProposal[] } | { status: "failed"; reason: string };

export async function fetchListedProposals(services: Runtime, url: string): Promise<Listed> {
  const answer = await getJson(services, url);
  if ("error" in answer) return { status: "failed", reason: answer.error };
  if (answer.status !== 200) return { status: "failed", reason: `HTTP ${answer.status}` };
  const doc = answer.json as Record<string, unknown> | null;
  if (!doc || typeof doc !== "object" || doc.id !== url) return { status: "failed", reason: "not the collection" };
  const list = doc.orderedItems ?? doc.items;
  const proposals: AidProposal[] = [];
  for (const item of (Array.isArray(list) ? list : []).slice(0, MAX_ITEMS_READ)) {
    const parsed = parseProposalDocument(item);
    if (parsed.ok) proposals.push(parsed.value);
  }
  return { status: "ok", proposals };
}

/**
 * Brings a provider's offers up to date from the collection its actor names; none listed, none kept.
 * A failed fetch keeps the last known ones (those that run out stop showing by themselves).
 */
export async function refreshOffers(services: Runtime, actorUri: string, url: string | null): Promise<void> {
  const { db } = services.database;
  if (!url) return replaceOffers(db, actorUri, null, []);
  const listed = await fetchListedProposals(services, url);
  if (listed.status === "failed") {
    services.logger.child({ module: "directory", actorUri }).debug({ reason: listed.reason }, "offers not read");
    return;
  }
  await replaceOffers(db, actorUri, url, publicOffersOf(actorUri, listed.proposals, new Date()));
}
