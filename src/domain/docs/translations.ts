// Translations of a document: anyone who may read it may add one in another language. A translation
// names the revision it translates (by digest); once the original has a newer revision it is outdated,
// and stays shown, marked so, until someone translates the new revision.
import { z } from "zod";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";
import { bodySchema, langSchema, summarySchema, titleSchema } from "./document.ts";
import { findRevision, type History, head } from "./revisions.ts";

export type Translation = {
  /** Canonical BCP 47 tag, never the original's. */
  readonly lang: string;
  /** Digest of the revision of the original it translates. */
  readonly of: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly translator: string;
  readonly at: string;
};

export const translationInputSchema = z
  .object({
    lang: langSchema,
    of: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    title: titleSchema,
    summary: summarySchema.default(""),
    body: bodySchema,
  })
  .strict();

/**
 * Checks a translation of a document. Refused: a bad field (`invalid`, `docs.invalid`, with field codes),
 * the original's own language (`invalid`, `docs.translation_same_language`), a revision not in the
 * history (`not_found`, `docs.revision_unknown`). A second translation into a language replaces the
 * first (see `withTranslation`).
 */
export function parseTranslation(
  history: History,
  input: unknown,
  translator: string,
  at: string,
): Result<Translation> {
  const parsed = translationInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "docs.invalid", { fields: fieldErrors(parsed.error) });
  const { lang, of, title, summary, body } = parsed.data;
  const original = findRevision(history, of);
  if (!original) return fail("not_found", "docs.revision_unknown", { vars: { revision: of } });
  if (sameLanguage(lang, head(history).content.lang))
    return fail("invalid", "docs.translation_same_language", { vars: { lang } });
  return ok({ lang, of, title, summary, body, translator, at });
}

/** The translations with this one in, replacing an earlier one of the same language. */
export function withTranslation(list: readonly Translation[], t: Translation): Translation[] {
  return [...list.filter((x) => !sameLanguage(x.lang, t.lang)), t];
}

export type TranslationState = {
  readonly outdated: boolean;
  /** Revisions of the original since the one translated (0 when current). */
  readonly behind: number;
};

/** Current when it translates the head's content (a revert back to it makes it current again). */
export function translationState(history: History, t: Translation): TranslationState {
  const last = head(history);
  if (t.of === last.digest) return { outdated: false, behind: 0 };
  const translated = findRevision(history, t.of);
  return { outdated: true, behind: translated ? last.number - translated.number : last.number };
}

const sameLanguage = (x: string, y: string) => x.toLowerCase() === y.toLowerCase();

/**
 * A reader's wanted languages from an Accept-Language value (RFC 9110 quality values), best first,
 * lower-cased; the same reading as `negotiateLocale` in src/i18n, which picks among the interface's
 * locales where this picks among a document's languages.
 */
export function preferredLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) || 0 : 1, index };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((w) => w.tag);
}

export type LanguageChoice = {
  /** The language to show: a wanted one the document has, else the original's. */
  readonly lang: string;
  /** Whether that is a translation (so possibly outdated) rather than the original. */
  readonly translated: boolean;
  /** The document's other languages, the original first, for a "also in" list. */
  readonly others: readonly string[];
};

/**
 * Chooses the language a reader gets: for each wanted language in order, the document's language that
 * is the same tag, else one that falls back to it ("de-CH" wanted, "de" held), else one of the same
 * primary language ("pt" wanted, "pt-BR" held). "*" or nothing held: the original.
 */
export function chooseLanguage(
  original: string,
  translations: readonly string[],
  wanted: readonly string[],
): LanguageChoice {
  const held = [original, ...translations.filter((t) => !sameLanguage(t, original))];
  const lower = held.map((h) => h.toLowerCase());
  const pick = (): number => {
    for (const w of wanted) {
      if (w === "*") return 0;
      const exact = lower.indexOf(w);
      if (exact >= 0) return exact;
      // RFC 4647 lookup: drop subtags from the end.
      for (let cut = w.lastIndexOf("-"); cut > 0; cut = w.lastIndexOf("-", cut - 1)) {
        const shorter = lower.indexOf(w.slice(0, cut));
        if (shorter >= 0) return shorter;
      }
      const primary = w.split("-")[0]!;
      const sibling = lower.findIndex((h) => h.split("-")[0] === primary);
      if (sibling >= 0) return sibling;
    }
    return 0;
  };
  const index = pick();
  return { lang: held[index]!, translated: index > 0, others: held.filter((_, i) => i !== index) };
}
