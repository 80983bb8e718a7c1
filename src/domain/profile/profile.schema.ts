// The provider profile: one zod model shared by the CLI, the API, the panel and federation.
import { z } from "zod";
import {
  availabilities,
  backupFrequencies,
  encryptionLevels,
  fundingSources,
  governanceForms,
  priceModels,
  pricePeriods,
  serviceKinds,
  valueTags,
} from "./taxonomy.ts";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `at most ${max} characters` });
const markdown = text(20_000);
const httpUrl = z
  .url({ message: "expected an absolute URL", protocol: /^https?$/ })
  .max(2048, { message: "at most 2048 characters" });
const isoDate = z.iso.date({ message: "expected a date as YYYY-MM-DD" });
const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: "expected a language tag such as en, fr or pt-BR" });
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, { message: `at most ${max} entries` })
    .refine((list) => new Set(list.map((v) => JSON.stringify(v))).size === list.length, {
      message: "entries must be unique",
      params: { code: "unique" },
    });

export const priceSchema = z
  .object({
    model: z.enum(priceModels),
    amount: z.number().nonnegative().max(1_000_000).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: "expected a currency code such as EUR" })
      .optional(),
    period: z.enum(pricePeriods).optional(),
    note: text(500).optional(),
  })
  .superRefine((price, ctx) => {
    if (price.model !== "fixed") return;
    if (price.amount === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: "a fixed price needs an amount",
        params: { code: "priceAmount" },
      });
    if (price.currency === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["currency"],
        message: "a fixed price needs a currency",
        params: { code: "priceCurrency" },
      });
  });

export const serviceSchema = z.object({
  kind: z.enum(serviceKinds),
  name: text(120).optional(),
  software: text(120).optional(),
  url: httpUrl.optional(),
  /** What fellow members of its networks probe for the health watch: a GET that answers 2xx when it works. */
  check: httpUrl.optional(),
  description: text(2000).optional(),
  price: priceSchema,
  availability: z.enum(availabilities),
  supportLanguages: uniqueList(languageTag, 20).default([]),
});

export const capacitySchema = z.object({
  storageGb: z.number().nonnegative().max(1e9).optional(),
  computeVcpu: z.number().nonnegative().max(1e6).optional(),
  bandwidthMbps: z.number().nonnegative().max(1e7).optional(),
  accounts: z.number().int().nonnegative().max(1e9).optional(),
  statedAt: isoDate,
});

export const normsSchema = z.object({
  codeOfConduct: markdown.optional(),
  codeOfConductUrl: httpUrl.optional(),
  moderationPolicy: markdown.optional(),
  dataPolicy: z
    .object({
      backupFrequency: z.enum(backupFrequencies).optional(),
      backupRetentionDays: z.number().int().nonnegative().max(36500).optional(),
      encryptionAtRest: z.enum(encryptionLevels).optional(),
      policyUrl: httpUrl.optional(),
    })
    .default({}),
  shutdownNoticeDays: z.number().int().nonnegative().max(3650).optional(),
  emergencyAccess: z
    .object({
      people: z.number().int().nonnegative().max(1000),
      description: text(2000).optional(),
    })
    .optional(),
  governance: z.enum(governanceForms).optional(),
  funding: uniqueList(z.enum(fundingSources), fundingSources.length).default([]),
});

export const placeSchema = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: "expected a two-letter country code such as FR" })
    .optional(),
  region: text(120).optional(),
  jurisdiction: text(120).optional(),
  upstream: z
    .object({
      datacenter: text(200).optional(),
      asn: z.number().int().positive().max(4_294_967_295).optional(),
      provider: text(200).optional(),
    })
    .default({}),
});

export const evidenceSchema = z.object({
  claim: text(300).min(1, { message: "say what this evidence backs" }),
  url: httpUrl,
  reconfirmBy: isoDate,
});

export const profileSchema = z.object({
  summary: text(500).default(""),
  website: httpUrl.optional(),
  languages: uniqueList(languageTag, 20).default([]),
  values: z
    .object({
      tags: uniqueList(z.enum(valueTags), valueTags.length).default([]),
      statement: markdown.default(""),
    })
    .default({ tags: [], statement: "" }),
  services: z.array(serviceSchema).max(100, { message: "at most 100 services" }).default([]),
  capacity: capacitySchema.optional(),
  norms: normsSchema.default({ dataPolicy: {}, funding: [] }),
  place: placeSchema.default({ upstream: {} }),
  evidence: z.array(evidenceSchema).max(100, { message: "at most 100 evidence links" }).default([]),
});

export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;

export const handleSchema = z
  .string()
  .regex(/^[a-z0-9_]{1,30}$/, { message: "expected 1 to 30 lowercase letters, digits or underscores" });
export const providerNameSchema = text(100).min(1, { message: "a name is required" });

export function emptyProfile(): Profile {
  return profileSchema.parse({});
}

/** Evidence whose re-confirm-by date has passed: shown as a warning, never silently trusted. */
export function lapsedEvidence(profile: Profile, today: string): Evidence[] {
  return profile.evidence.filter((e) => e.reconfirmBy < today);
}

/** How long before a re-confirm-by date operators are reminded of it. */
export const EVIDENCE_REMINDER_DAYS = 30;

/** Evidence still backed today that lapses within `days` days, soonest first: operators are reminded. */
export function evidenceDueSoon(profile: Profile, today: string, days = EVIDENCE_REMINDER_DAYS): Evidence[] {
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return profile.evidence
    .filter((e) => e.reconfirmBy >= today && e.reconfirmBy <= until)
    .sort((a, b) => a.reconfirmBy.localeCompare(b.reconfirmBy));
}
