// An inquiry travels as a Create(Note) addressed to the provider actor alone (a direct message, so
// Mastodon shows it as one too). Its structured fields ride as PropertyValue attachments named with
// our vocabulary's IRIs, which survive Fedify's compaction where unknown terms would not.
import type { Context } from "@fedify/fedify";
import { Create, Note, PropertyValue } from "@fedify/vocab";
import { escapeHtml } from "../../domain/html.ts";
import type { Inquiry } from "../../domain/directory/inquiries.ts";
import { NAMESPACE } from "../vocab/context.ts";

export const INQUIRY_FIELDS = {
  kind: `${NAMESPACE}inquiry`,
  senderName: `${NAMESPACE}senderName`,
  senderEmail: `${NAMESPACE}senderEmail`,
  organisation: `${NAMESPACE}organisation`,
  needs: `${NAMESPACE}needs`,
} as const;

export function inquiryToCreate(
  ctx: Context<unknown>,
  handle: string,
  inquiry: Inquiry & { activityId: string },
  to: URL,
): Create {
  const actor = ctx.getActorUri(handle);
  const fields: [string, string | null][] = [
    [INQUIRY_FIELDS.kind, "1"],
    [INQUIRY_FIELDS.senderName, inquiry.senderName],
    [INQUIRY_FIELDS.senderEmail, inquiry.senderEmail],
    [INQUIRY_FIELDS.organisation, inquiry.organisation],
    [INQUIRY_FIELDS.needs, inquiry.needs],
  ];
  const paragraphs = inquiry.message
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const note = new Note({
    id: new URL(`${inquiry.activityId}/note`),
    attribution: actor,
    to,
    content: paragraphs,
    published: Temporal.Now.instant(),
    attachments: fields
      .filter((f): f is [string, string] => !!f[1])
      .map(([name, value]) => new PropertyValue({ name, value })),
  });
  return new Create({ id: new URL(inquiry.activityId), actor, to, object: note });
}

/** The inquiry fields of a Note, or undefined if it is not an inquiry. */
export async function readInquiryNote(
  ctx: Context<unknown>,
  note: Note,
): Promise<(Record<keyof typeof INQUIRY_FIELDS, string | undefined> & { message: string }) | undefined> {
  const values = new Map<string, string>();
  for await (const attachment of note.getAttachments(ctx)) {
    if (attachment instanceof PropertyValue && attachment.name && attachment.value)
      values.set(attachment.name.toString(), attachment.value.toString());
  }
  if (values.get(INQUIRY_FIELDS.kind) !== "1") return undefined;
  const message = (note.content?.toString() ?? "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
  return {
    kind: "1",
    senderName: values.get(INQUIRY_FIELDS.senderName),
    senderEmail: values.get(INQUIRY_FIELDS.senderEmail),
    organisation: values.get(INQUIRY_FIELDS.organisation),
    needs: values.get(INQUIRY_FIELDS.needs),
    message,
  };
}
