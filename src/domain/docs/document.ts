// A shared document as its writer submits it: markdown with a title, a summary, tags and a language, and
// who may read it. One zod schema for every edge (panel, API, CLI); failures come back as field codes
// (src/domain/validation.ts), never as text.
import { z } from "zod";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 500;
/** The body's limit in UTF-8 bytes: 200 KB. */
export const MAX_BODY_BYTES = 200 * 1024;
export const MAX_TAGS = 20;
export const MAX_TAG = 100;

export const AUDIENCES = ["public", "network", "group"] as const;
export type AudienceKind = (typeof AUDIENCES)[number];

/** Who may read: anyone, the members of one network, or one working group. */
export type Audience =
  | { readonly kind: "public" }
  | { readonly kind: "network"; readonly network: string }
  | { readonly kind: "group"; readonly group: string };

/** What a revision holds: the parts its digest covers (see revisions.ts). */
export type DocumentContent = {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  /** A canonical BCP 47 tag ("pt-BR", never "pt-br"). */
  readonly lang: string;
  /** Lower-case, unique, without "#", in the writer's order. */
  readonly tags: readonly string[];
};

export type DocumentDraft = { readonly content: DocumentContent; readonly audience: Audience };

/** Text as stored and digested: Unicode NFC, LF line ends (a CRLF paste is not an edit). */
export const normaliseText = (text: string) => text.normalize("NFC").replace(/\r\n?/g, "\n");

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The canonical form of a BCP 47 tag, or null when it is not one ("en_US", "english", "x"). */
export function canonicalLanguage(tag: string): string | null {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

const tagPattern = /^[\p{L}\p{N}_]+$/u;

/** Tags as hashtags take them: "#Ops", "ops " and "OPS" are one tag "ops". */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = raw.normalize("NFC").trim().replace(/^#/, "").toLowerCase();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

const line = (max: number) =>
  z
    .string()
    .transform((s) => normaliseText(s).trim())
    .pipe(z.string().max(max));

export const titleSchema = line(MAX_TITLE).pipe(z.string().min(1));
export const summarySchema = line(MAX_SUMMARY);
export const bodySchema = z
  .string()
  .transform(normaliseText)
  .superRefine((body, ctx) => {
    if (!body.trim()) ctx.addIssue({ code: "custom", message: "required", params: { code: "required" } });
    else if (bytes(body) > MAX_BODY_BYTES)
      ctx.addIssue({ code: "custom", message: "tooLarge", params: { code: "tooLarge", max: MAX_BODY_BYTES } });
  });
export const langSchema = z.string().transform((tag, ctx) => {
  const canonical = canonicalLanguage(tag.trim());
  if (canonical) return canonical;
  ctx.addIssue({ code: "custom", message: "language", params: { code: "language" } });
  return z.NEVER;
});
export const tagsSchema = z
  .array(z.string().max(1000))
  // A bound on the work before normalising; the limit that counts is the one after.
  .refine((raw) => raw.length <= 10 * MAX_TAGS, { params: { code: "tooMany", max: MAX_TAGS }, abort: true })
  .transform(normaliseTags)
  .superRefine((tags, ctx) => {
    if (tags.length > MAX_TAGS)
      ctx.addIssue({ code: "custom", message: "tooMany", params: { code: "tooMany", max: MAX_TAGS } });
    for (const [i, tag] of tags.entries())
      if (!tagPattern.test(tag) || tag.length > MAX_TAG)
        ctx.addIssue({ code: "custom", path: [i], message: "tag", params: { code: "tag", max: MAX_TAG } });
  });

const actorUri = z.url({ protocol: /^https?$/ }).max(2048);

/** The writer's input. `network` and `group` are the URIs of the audience, named only for its kind. */
export const documentInputSchema = z
  .object({
    title: titleSchema,
    summary: summarySchema.default(""),
    body: bodySchema,
    lang: langSchema,
    tags: tagsSchema.default([]),
    audience: z.enum(AUDIENCES),
    network: actorUri.optional(),
    group: actorUri.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const needs = (field: "network" | "group", wanted: boolean) => {
      if (wanted && input[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "required", params: { code: "required" } });
      if (!wanted && input[field] !== undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "audience", params: { code: "audience" } });
    };
    needs("network", input.audience === "network");
    needs("group", input.audience === "group");
  });

export type DocumentInput = z.input<typeof documentInputSchema>;

/**
 * Checks a writer's input. On failure: `invalid`, reason `docs.invalid`, and a code per field
 * (`title: required`, `body: tooLarge {max}`, `lang: language`, `tags: tooMany {max}`, `tags.2: tag`,
 * `group: required` for a group audience without a group, `network: audience` for a network named on
 * a public document…).
 */
export function parseDocument(input: unknown): Result<DocumentDraft> {
  const parsed = documentInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "docs.invalid", { fields: fieldErrors(parsed.error) });
  const { title, summary, body, lang, tags, audience, network, group } = parsed.data;
  const who: Audience =
    audience === "network"
      ? { kind: "network", network: network! }
      : audience === "group"
        ? { kind: "group", group: group! }
        : { kind: "public" };
  return ok({ content: { title, summary, body, lang, tags }, audience: who });
}

/** What a reader belongs to, as the caller knows it (its own actor, its networks, its groups). */
export type Reader = {
  readonly actor: string | null;
  readonly networks: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
};

/** Whether a reader may read a document of this audience (and so translate it or propose a change). */
export function mayRead(audience: Audience, reader: Reader): boolean {
  switch (audience.kind) {
    case "public":
      return true;
    case "network":
      return reader.networks.has(audience.network);
    case "group":
      return reader.groups.has(audience.group);
  }
}
