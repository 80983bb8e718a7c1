// Inquiries: a movement group asks a provider, from any instance's directory. The asking instance
// relays it by federation to the provider's instance only; the sender's contact details are shown to
// that provider's operators and never published. Abuse is bounded on both ends.
import { and, count, desc, eq, gte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { lockKey } from "../../db/locks.ts";
import { directoryProviders, inquiries } from "../../db/schema/index.ts";
import { recordEvent } from "../events.ts";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";

export const inquiryInputSchema = z.object({
  providerActorUri: z.url().max(2048),
  senderName: z.string().trim().min(1, { message: "say who you are" }).max(100, { message: "at most 100 characters" }),
  senderEmail: z.email({ message: "expected an email address" }).max(254),
  organisation: z.string().trim().max(200, { message: "at most 200 characters" }).optional(),
  message: z
    .string()
    .trim()
    .min(10, { message: "at least 10 characters" })
    .max(5000, { message: "at most 5000 characters" }),
  needs: z.string().trim().max(2000, { message: "at most 2000 characters" }).optional(),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/)
    .optional(),
});

export type InquiryInput = z.input<typeof inquiryInputSchema>;
export type Inquiry = Omit<typeof inquiries.$inferSelect, "direction" | "activityId">;

export const INQUIRY_LIMITS = {
  /** Inquiries this instance relays in an hour, whoever asks. */
  sentPerHour: 30,
  /** Inquiries accepted from one relaying instance in an hour. */
  receivedPerPeerPerHour: 10,
};

const hourAgo = () => new Date(Date.now() - 3_600_000);

/** The columns an inquiry's validated form fills, the same whether it is sent or received. */
const messageColumns = (d: Omit<z.output<typeof inquiryInputSchema>, "providerActorUri">) => ({
  senderName: d.senderName,
  senderEmail: d.senderEmail,
  organisation: d.organisation || null,
  message: d.message,
  needs: d.needs || null,
  language: d.language ?? null,
});

/**
 * Records an inquiry for a provider in the directory. For a remote provider an `inquiry.sent` event
 * is queued (the outbox delivers it); for this instance's own provider it is received directly.
 */
export async function submitInquiry(
  db: Db,
  input: InquiryInput,
  ownActorUri: string,
): Promise<Result<{ id: string; local: boolean }>> {
  const parsed = inquiryInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "inquiry.invalid", { fields: fieldErrors(parsed.error) });
  const data = parsed.data;
  const [target] = await db
    .select({ actorUri: directoryProviders.actorUri, local: directoryProviders.local })
    .from(directoryProviders)
    .where(eq(directoryProviders.actorUri, data.providerActorUri));
  if (!target) return fail("not_found", "inquiry.unknownProvider");
  const id = crypto.randomUUID();
  const row = {
    id,
    activityId: `${ownActorUri}#inquiries/${id}`,
    ...messageColumns(data),
  };
  // Workers and web requests run side by side: count and insert under one lock, so the limit holds.
  const accepted = await db.transaction(async (tx) => {
    await lockKey(tx, "inquiries-sent");
    const [sent] = await tx
      .select({ n: count() })
      .from(inquiries)
      .where(and(eq(inquiries.direction, "sent"), gte(inquiries.createdAt, hourAgo())));
    if ((sent?.n ?? 0) >= INQUIRY_LIMITS.sentPerHour) return false;
    if (target.local) {
      await tx.insert(inquiries).values({ ...row, direction: "received", peerActorUri: ownActorUri });
    } else {
      await tx.insert(inquiries).values({ ...row, direction: "sent", peerActorUri: target.actorUri });
      await recordEvent(tx, { commonhost: "inquiry.sent", id });
    }
    return true;
  });
  if (!accepted) return fail("rate_limited", "inquiry.rateLimited");
  return ok({ id, local: target.local });
}

export async function findSentInquiry(db: Db, id: string): Promise<(Inquiry & { activityId: string }) | undefined> {
  const [row] = await db
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.id, id), eq(inquiries.direction, "sent")));
  return row;
}

/** Once handed to delivery, our copy keeps no contact details: only the provider's instance holds them. */
export async function forgetSentInquiry(db: Db, id: string): Promise<void> {
  await db
    .update(inquiries)
    .set({ senderEmail: "", senderName: "", organisation: null, message: "", needs: null })
    .where(eq(inquiries.id, id));
}

/** Stores an inquiry relayed by a peer instance, at most a few per peer and hour; a repeat is stored once. */
export async function receiveInquiry(
  db: Db,
  input: Omit<InquiryInput, "providerActorUri"> & { activityId: string; peerActorUri: string },
): Promise<Result<{ stored: boolean }>> {
  const parsed = inquiryInputSchema.omit({ providerActorUri: true }).safeParse(input);
  if (!parsed.success) return fail("invalid", "inquiry.remoteInvalid", { fields: fieldErrors(parsed.error) });
  const d = parsed.data;
  // Inbox workers run side by side; the lock makes count-then-insert atomic per peer.
  const stored = await db.transaction(async (tx) => {
    await lockKey(tx, `inquiries-from:${input.peerActorUri}`);
    const [recent] = await tx
      .select({ n: count() })
      .from(inquiries)
      .where(
        and(
          eq(inquiries.direction, "received"),
          eq(inquiries.peerActorUri, input.peerActorUri),
          gte(inquiries.createdAt, hourAgo()),
        ),
      );
    if ((recent?.n ?? 0) >= INQUIRY_LIMITS.receivedPerPeerPerHour) return undefined;
    const rows = await tx
      .insert(inquiries)
      .values({
        direction: "received",
        activityId: input.activityId.slice(0, 2048),
        peerActorUri: input.peerActorUri,
        ...messageColumns(d),
      })
      .onConflictDoNothing()
      .returning({ id: inquiries.id });
    return rows.length > 0;
  });
  if (stored === undefined) return fail("rate_limited", "inquiry.tooManyFromPeer");
  return ok({ stored });
}

export const inquiryStates = ["new", "answered", "archived"] as const;
export type InquiryState = (typeof inquiryStates)[number];

/** Inquiries for this provider's operators, newest first; only those in `state` when given. */
export async function listInquiries(db: Db, options: { limit: number; state?: InquiryState }): Promise<Inquiry[]> {
  return db
    .select({
      id: inquiries.id,
      peerActorUri: inquiries.peerActorUri,
      senderName: inquiries.senderName,
      senderEmail: inquiries.senderEmail,
      organisation: inquiries.organisation,
      message: inquiries.message,
      needs: inquiries.needs,
      language: inquiries.language,
      seen: inquiries.seen,
      state: inquiries.state,
      createdAt: inquiries.createdAt,
    })
    .from(inquiries)
    .where(and(eq(inquiries.direction, "received"), options.state ? eq(inquiries.state, options.state) : undefined))
    .orderBy(desc(inquiries.createdAt))
    .limit(Math.min(Math.max(1, options.limit), 500));
}

/** Received inquiries by state, every state present (zero when none). */
export async function countInquiries(db: Db): Promise<Record<InquiryState, number>> {
  const rows = await db
    .select({ state: inquiries.state, n: count() })
    .from(inquiries)
    .where(eq(inquiries.direction, "received"))
    .groupBy(inquiries.state);
  const counts = { new: 0, answered: 0, archived: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** Moves a received inquiry to another state (any state to any other: an archived one can come back). */
export async function setInquiryState(db: Db, id: string, state: InquiryState): Promise<boolean> {
  const rows = await db
    .update(inquiries)
    .set({ state, seen: state !== "new" })
    .where(and(eq(inquiries.id, id), eq(inquiries.direction, "received")))
    .returning({ id: inquiries.id });
  return rows.length > 0;
}
