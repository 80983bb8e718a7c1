// Emergencies arriving from other members: stored (or updated) only when the sender is a current
// fellow member and speaks for a current fellow member; anything else is refused and nothing is kept.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { emergencies } from "../../db/schema/index.ts";
import { renderMarkdown } from "../markdown.ts";
import { fail, ok, type Result } from "../validation.ts";
import { consistentWithSender, incomingEmergencySchema, mergedState } from "./rules.ts";

/** Whether `sender` and `subject` are both current members of a network this provider is a current member of. */
export type FellowCheck = (sender: string, subject: string) => Promise<boolean>;

export async function receiveEmergency(
  db: Db,
  sender: string,
  input: unknown,
  fellows: FellowCheck,
  now: Date,
): Promise<Result<{ key: string; stored: "new" | "updated" }>> {
  const parsed = incomingEmergencySchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "emergency.invalid");
  const e = parsed.data;
  if (!consistentWithSender(e, sender)) return fail("forbidden", "emergency.notSender");
  if (!(await fellows(sender, e.subject)))
    return fail("forbidden", "emergency.notFellow", { vars: { subject: sender } });
  return db.transaction(async (tx) => {
    const [held] = await tx.select().from(emergencies).where(eq(emergencies.id, e.id)).limit(1);
    if (held?.local || (held && held.declaredBy !== sender)) return fail("forbidden", "emergency.notSender");
    const state = mergedState(held?.state, e.state);
    const values = {
      kind: e.kind,
      summary: e.summary,
      needs: e.needs,
      needsHtml: renderMarkdown(e.needs),
      state,
      resolvedAt: state === "resolved" ? new Date(e.resolvedAt ?? held?.resolvedAt ?? now) : null,
    };
    if (held) {
      await tx.update(emergencies).set(values).where(eq(emergencies.key, held.key));
      return ok({ key: held.key, stored: "updated" as const });
    }
    const key = crypto.randomUUID();
    await tx.insert(emergencies).values({
      key,
      id: e.id,
      declaredBy: sender,
      subject: e.subject,
      onBehalf: e.onBehalf,
      local: false,
      openedAt: new Date(e.openedAt),
      ...values,
    });
    return ok({ key, stored: "new" as const });
  });
}
