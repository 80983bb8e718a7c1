// Emergencies this provider declares, for itself or on behalf of a fellow member that cannot speak:
// stored with a pinned public note (a content warning) and one delivery per fellow member, all in one
// transaction, agreement partners first; resolving deletes and unpins the note and tells the same members.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { emergencies } from "../../db/schema/index.ts";
import { insertAnnouncement, type TagUrl, tombstoneAnnouncement, uuidv7 } from "../announcements/announcements.ts";
import { recordEvent } from "../events.ts";
import { renderMarkdown } from "../markdown.ts";
import { findProvider } from "../provider/provider.repository.ts";
import { fail, fieldError, fieldErrors, ok, type Result } from "../validation.ts";
import { activePartners } from "../aid/aid.ts";
import type { OnBehalf } from "../networks/charter.ts";
import { type EmergencyKind, emergencyInputSchema } from "./rules.ts";

export type Emergency = typeof emergencies.$inferSelect;

/** What declaring needs from the edges. */
export type EmergencyPorts = {
  readonly ownUri: string;
  readonly now: Date;
  readonly tagUrl: TagUrl;
  /**
   * The fellow members to tell about an emergency of `subject`, or null when this provider may not
   * speak for it (interim rule: the subject and this provider are current members of a shared network).
   */
  readonly audience: (subject: string) => Promise<string[] | null>;
  /** Who may speak for `subject` by the charters of the networks shared with it (`onBehalf`, one per network). */
  readonly onBehalfRules: (subject: string) => Promise<OnBehalf[]>;
  /** The public note's content warning and text. */
  readonly noteText: (e: {
    kind: EmergencyKind;
    summary: string;
    needs: string;
    subject: string;
    onBehalf: boolean;
  }) => {
    warning: string;
    content: string;
    language: string | null;
  };
};

export async function declareEmergency(db: Db, input: unknown, ports: EmergencyPorts): Promise<Result<Emergency>> {
  const parsed = emergencyInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "emergency.invalid", { fields: fieldErrors(parsed.error) });
  const { kind, summary, needs, onBehalfOf } = parsed.data;
  if (!(await findProvider(db))) return fail("not_found", "provider.notSetUp");
  const subject = onBehalfOf ?? ports.ownUri;
  const onBehalf = subject !== ports.ownUri;
  const audience = await ports.audience(subject);
  if (!audience)
    return fail("forbidden", "emergency.notFellow", {
      vars: { subject },
      fields: { onBehalfOf: fieldError("notFellow") },
    });
  // The charter names who may speak for a member: its agreement partners unless it says any member.
  const partners = await activePartners(db, ports.ownUri, ports.now);
  if (onBehalf && !(await ports.onBehalfRules(subject)).includes("members") && !partners.has(subject))
    return fail("forbidden", "emergency.notPartner", {
      vars: { subject },
      fields: { onBehalfOf: fieldError("notPartner") },
    });
  // Agreement partners are told first: their deliveries are queued before the rest of the network's.
  const members = [...new Set(audience)].filter((m) => m !== ports.ownUri).sort();
  const recipients = [...members.filter((m) => partners.has(m)), ...members.filter((m) => !partners.has(m))];
  const row = await db.transaction(async (tx) => {
    const text = ports.noteText({ kind, summary, needs, subject, onBehalf });
    const note = await insertAnnouncement(
      tx,
      { content: text.content, language: text.language, pinned: true, warning: text.warning },
      ports.tagUrl,
    );
    const key = uuidv7(ports.now.getTime());
    const [created] = await tx
      .insert(emergencies)
      .values({
        key,
        id: `${ports.ownUri}#emergencies/${key}`,
        kind,
        summary,
        needs,
        needsHtml: renderMarkdown(needs),
        declaredBy: ports.ownUri,
        subject,
        onBehalf,
        local: true,
        recipients,
        announcementId: note.id,
        openedAt: ports.now,
      })
      .returning();
    for (const to of recipients) await recordEvent(tx, { commonhost: "emergency.deliver", key, to, type: "Create" });
    return created!;
  });
  return ok(row);
}

/** Resolves an emergency this provider declared: the note is deleted and unpinned, the members told. */
export async function resolveEmergency(db: Db, key: string, now: Date): Promise<Result<Emergency>> {
  const found = await findEmergency(db, key);
  if (!found) return fail("not_found", "emergency.notFound");
  if (!found.local) return fail("forbidden", "emergency.notOurs");
  if (found.state !== "open") return fail("conflict", "emergency.resolved");
  const row = await db.transaction(async (tx) => {
    const [resolved] = await tx
      .update(emergencies)
      .set({ state: "resolved", resolvedAt: now })
      .where(and(eq(emergencies.key, key), eq(emergencies.state, "open")))
      .returning();
    if (!resolved) return undefined;
    if (resolved.announcementId) await tombstoneAnnouncement(tx, resolved.announcementId);
    for (const to of resolved.recipients)
      await recordEvent(tx, { commonhost: "emergency.deliver", key, to, type: "Update" });
    return resolved;
  });
  return row ? ok(row) : fail("conflict", "emergency.resolved");
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findEmergency(db: Db, key: string): Promise<Emergency | undefined> {
  if (!uuidPattern.test(key)) return undefined;
  const [row] = await db.select().from(emergencies).where(eq(emergencies.key, key)).limit(1);
  return row;
}

/** Own and received emergencies, open and resolved, newest first. */
export async function listEmergencies(db: Db, limit = 200): Promise<Emergency[]> {
  return db.select().from(emergencies).orderBy(desc(emergencies.openedAt)).limit(limit);
}
