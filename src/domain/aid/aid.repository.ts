// Database access of mutual aid: proposals held (ours and received) and agreements, each read back as
// the domain value its JSON column holds.
import { and, desc, eq, gt, inArray, isNull, not, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { aidAgreements, aidProposals } from "../../db/schema/index.ts";
import type { AidDocument } from "../../db/schema/json.ts";
import type { Agreement } from "./agreements.ts";
import { FINAL_STATES, RECONCILE_FINAL_FOR_MS } from "./reconcile.ts";
import type { AidProposal } from "./proposals.ts";

export type ProposalRow = Omit<typeof aidProposals.$inferSelect, "proposal"> & { readonly proposal: AidProposal };
export type AgreementRow = Omit<typeof aidAgreements.$inferSelect, "agreement"> & { readonly agreement: Agreement };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const proposalOf = (row: typeof aidProposals.$inferSelect): ProposalRow => ({
  ...row,
  proposal: row.proposal as unknown as AidProposal,
});
const agreementOf = (row: typeof aidAgreements.$inferSelect): AgreementRow => ({
  ...row,
  agreement: row.agreement as unknown as Agreement,
});

export async function insertProposal(
  tx: Db,
  row: Omit<typeof aidProposals.$inferInsert, "proposal"> & { proposal: AidProposal },
): Promise<ProposalRow | undefined> {
  const [created] = await tx
    .insert(aidProposals)
    .values({ ...row, proposal: row.proposal as unknown as AidDocument })
    .onConflictDoNothing()
    .returning();
  return created ? proposalOf(created) : undefined;
}

export async function findProposal(db: Db, keyOrId: string): Promise<ProposalRow | undefined> {
  const where = uuidPattern.test(keyOrId) ? eq(aidProposals.key, keyOrId) : eq(aidProposals.id, keyOrId);
  const [row] = await db.select().from(aidProposals).where(where).limit(1);
  return row ? proposalOf(row) : undefined;
}

export type ProposalFilter = {
  readonly network?: string;
  readonly purpose?: string;
  readonly resource?: string;
  readonly region?: string;
  /** Words each found, in any case, in the resource, region, conditions or author. */
  readonly words?: readonly string[];
};

/** The words of a free-text search: lower-cased, at most twelve (the query's schema bounds their length). */
export const wordsOf = (q: string): string[] => q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 12);

/** The text a proposal is searched in. */
const searchedText = (p: typeof aidProposals) =>
  sql`lower(concat_ws(' ', ${p.resource}, ${p.region}, ${p.proposal}->>'conditions', ${p.author}))`;

/** A page of the listing: at most `limit` rows, those after the proposal whose key is `before`. */
export type ProposalPage = { readonly limit: number; readonly before?: string };

/**
 * Proposals still open at `now`, newest first (ties by key, so that pages never skip or repeat one), by
 * the filter's exact values and words.
 */
export async function listOpenProposals(
  db: Db,
  filter: ProposalFilter,
  now: Date,
  page: ProposalPage = { limit: 500 },
): Promise<ProposalRow[]> {
  const p = aidProposals;
  const rows = await db
    .select()
    .from(p)
    .where(
      and(
        or(isNull(p.untilAt), gt(p.untilAt, now)),
        isNull(p.withdrawnAt),
        filter.network ? eq(p.network, filter.network) : undefined,
        filter.purpose ? eq(p.purpose, filter.purpose) : undefined,
        filter.resource ? eq(p.resource, filter.resource) : undefined,
        filter.region ? eq(p.region, filter.region) : undefined,
        ...(filter.words ?? []).map((w) => sql`position(${w} in ${searchedText(p)}) > 0`),
        page.before
          ? sql`(${p.publishedAt}, ${p.key}) < (select published_at, key from aid_proposals where key = ${page.before})`
          : undefined,
      ),
    )
    .orderBy(desc(p.publishedAt), desc(p.key))
    .limit(page.limit);
  return rows.map(proposalOf);
}

/** Marks a proposal withdrawn at `at`, only if it was not already: undefined when it was. */
export async function markWithdrawn(tx: Db, key: string, at: Date): Promise<ProposalRow | undefined> {
  const [row] = await tx
    .update(aidProposals)
    .set({ withdrawnAt: at })
    .where(and(eq(aidProposals.key, key), isNull(aidProposals.withdrawnAt)))
    .returning();
  return row ? proposalOf(row) : undefined;
}

export async function insertAgreement(
  tx: Db,
  values: { key: string; uri: string; agreement: Agreement; document?: AidDocument; now: Date },
): Promise<AgreementRow | undefined> {
  const a = values.agreement;
  const [created] = await tx
    .insert(aidAgreements)
    .values({
      key: values.key,
      id: a.id,
      uri: values.uri,
      proposal: a.terms.proposal,
      proposedBy: a.proposedBy,
      provider: a.terms.provider,
      receiver: a.terms.receiver,
      state: a.state,
      agreement: a as unknown as AidDocument,
      document: values.document ?? null,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing()
    .returning();
  return created ? agreementOf(created) : undefined;
}

/**
 * Stores the agreement's next version, only over the version it was read in (its state and when it
 * last changed: a renewal changes the agreement but not its state), so no update is lost.
 */
export async function updateAgreement(
  tx: Db,
  held: { key: string; state: string; updatedAt: Date },
  a: Agreement,
  now: Date,
): Promise<AgreementRow | undefined> {
  const [updated] = await tx
    .update(aidAgreements)
    .set({ state: a.state, agreement: a as unknown as AidDocument, updatedAt: now })
    .where(
      and(
        eq(aidAgreements.key, held.key),
        eq(aidAgreements.state, held.state),
        eq(aidAgreements.updatedAt, held.updatedAt),
      ),
    )
    .returning();
  return updated ? agreementOf(updated) : undefined;
}

export async function findAgreement(db: Db, keyOrId: string): Promise<AgreementRow | undefined> {
  const where = uuidPattern.test(keyOrId) ? eq(aidAgreements.key, keyOrId) : eq(aidAgreements.id, keyOrId);
  const [row] = await db.select().from(aidAgreements).where(where).limit(1);
  return row ? agreementOf(row) : undefined;
}

export async function listAgreements(db: Db, limit = 500): Promise<AgreementRow[]> {
  const rows = await db.select().from(aidAgreements).orderBy(desc(aidAgreements.createdAt)).limit(limit);
  return rows.map(agreementOf);
}

/** The agreements held as active (some may have run out since: the caller settles them). */
export async function listActiveAgreements(db: Db): Promise<AgreementRow[]> {
  const rows = await db.select().from(aidAgreements).where(eq(aidAgreements.state, "active"));
  return rows.map(agreementOf);
}

/** The agreements compared with the other party's copy: not final, or changed in the last 30 days. */
export async function listAgreementsToReconcile(db: Db, now: Date, limit = 1000): Promise<AgreementRow[]> {
  const a = aidAgreements;
  const rows = await db
    .select()
    .from(a)
    .where(
      or(not(inArray(a.state, [...FINAL_STATES])), gt(a.updatedAt, new Date(now.getTime() - RECONCILE_FINAL_FOR_MS))),
    )
    .orderBy(desc(a.updatedAt))
    .limit(limit);
  return rows.map(agreementOf);
}
