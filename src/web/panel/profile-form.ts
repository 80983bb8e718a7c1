// The profile editor's form <-> the profile model. The form keeps what was typed (strings), so a
// failed save shows every field as the operator left it; zod issues become translated field errors.
import type { z } from "zod";
import type { Profile } from "../../domain/profile/profile.schema.ts";
import type { Form } from "./guard.ts";

export type FormValues = Record<string, string | string[]>;

const put = (out: FormValues, name: string, value: string | number | undefined) => {
  if (value !== undefined && value !== "") out[name] = String(value);
};

export function profileToForm(name: string, p: Profile): FormValues {
  const f: FormValues = {
    name,
    summary: p.summary,
    "values.tags": [...p.values.tags],
    "values.statement": p.values.statement,
    "norms.funding": [...p.norms.funding],
  };
  put(f, "website", p.website);
  put(f, "languages", p.languages.join(", "));
  p.services.forEach((s, i) => {
    const k = `services.${i}.`;
    put(f, `${k}kind`, s.kind);
    put(f, `${k}name`, s.name);
    put(f, `${k}software`, s.software);
    put(f, `${k}url`, s.url);
    put(f, `${k}check`, s.check);
    put(f, `${k}description`, s.description);
    put(f, `${k}price.model`, s.price.model);
    put(f, `${k}price.amount`, s.price.amount);
    put(f, `${k}price.currency`, s.price.currency);
    put(f, `${k}price.period`, s.price.period);
    put(f, `${k}price.note`, s.price.note);
    put(f, `${k}availability`, s.availability);
    put(f, `${k}supportLanguages`, s.supportLanguages.join(", "));
  });
  if (p.capacity) for (const [key, value] of Object.entries(p.capacity)) put(f, `capacity.${key}`, value);
  const n = p.norms;
  put(f, "norms.codeOfConduct", n.codeOfConduct);
  put(f, "norms.codeOfConductUrl", n.codeOfConductUrl);
  put(f, "norms.moderationPolicy", n.moderationPolicy);
  put(f, "norms.shutdownNoticeDays", n.shutdownNoticeDays);
  put(f, "norms.governance", n.governance);
  for (const [key, value] of Object.entries(n.dataPolicy)) put(f, `norms.dataPolicy.${key}`, value);
  put(f, "norms.emergencyAccess.people", n.emergencyAccess?.people);
  put(f, "norms.emergencyAccess.description", n.emergencyAccess?.description);
  put(f, "place.country", p.place.country);
  put(f, "place.region", p.place.region);
  put(f, "place.jurisdiction", p.place.jurisdiction);
  for (const [key, value] of Object.entries(p.place.upstream)) put(f, `place.upstream.${key}`, value);
  p.evidence.forEach((e, i) => {
    put(f, `evidence.${i}.claim`, e.claim);
    put(f, `evidence.${i}.url`, e.url);
    put(f, `evidence.${i}.reconfirmBy`, e.reconfirmBy);
  });
  return f;
}

/** The submitted form, minus the CSRF token and buttons. */
export function formValues(form: Form): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(form)) if (!key.startsWith("_")) out[key] = value;
  for (const list of ["values.tags", "norms.funding"]) {
    const v = out[list];
    out[list] = v === undefined ? [] : Array.isArray(v) ? v : [v];
  }
  return out;
}

const one = (f: FormValues, name: string) => {
  const v = f[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
};
/** A number, or the raw text when it is not one (so zod reports it next to the field). */
const num = (f: FormValues, name: string): number | string | undefined => {
  const s = one(f, name);
  if (s === undefined) return undefined;
  const n = Number(s.replace(",", "."));
  return Number.isFinite(n) ? n : s;
};
/** An AS number as written anywhere: "AS24940", "as 24940" or "24940" are the same number. */
const asnOf = (f: FormValues, name: string): number | string | undefined => {
  const s = one(f, name);
  if (s === undefined) return undefined;
  const m = /^(?:AS\s*)?(\d{1,10})$/i.exec(s);
  return m ? Number(m[1]) : s;
};
const list = (f: FormValues, name: string) =>
  (one(f, name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const many = (f: FormValues, name: string) => {
  const v = f[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const prune = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Row indices present in the form for a repeated group, in the order the operator asked for. */
function rows(f: FormValues, group: string, fields: string[]): number[] {
  const indices = new Set<number>();
  for (const key of Object.keys(f)) {
    const m = new RegExp(`^${group}\\.(\\d+)\\.`).exec(key);
    if (m) indices.add(Number(m[1]));
  }
  return [...indices]
    .filter(
      (i) =>
        one(f, `${group}.${i}._remove`) === undefined &&
        fields.some((name) => one(f, `${group}.${i}.${name}`) !== undefined),
    )
    .map((i) => ({ i, position: Number(one(f, `${group}.${i}.position`) ?? i) }))
    .sort(
      (a, b) =>
        (Number.isFinite(a.position) ? a.position : a.i) - (Number.isFinite(b.position) ? b.position : b.i) ||
        a.i - b.i,
    )
    .map((r) => r.i);
}

export type ParsedForm = { name: string; profile: unknown; serviceRows: number[]; evidenceRows: number[] };

export function formToProfile(f: FormValues): ParsedForm {
  const serviceRows = rows(f, "services", ["kind", "name", "software", "url", "check", "description", "price.amount"]);
  const evidenceRows = rows(f, "evidence", ["claim", "url", "reconfirmBy"]);
  const capacityKeys = ["storageGb", "computeVcpu", "bandwidthMbps", "accounts"];
  const hasCapacity = capacityKeys.some((k) => one(f, `capacity.${k}`) !== undefined);
  const emergency = prune({
    people: num(f, "norms.emergencyAccess.people"),
    description: one(f, "norms.emergencyAccess.description"),
  });
  const profile = {
    summary: one(f, "summary") ?? "",
    website: one(f, "website"),
    languages: list(f, "languages"),
    values: { tags: many(f, "values.tags"), statement: one(f, "values.statement") ?? "" },
    services: serviceRows.map((i) => {
      const k = `services.${i}.`;
      return prune({
        kind: one(f, `${k}kind`) ?? "",
        name: one(f, `${k}name`),
        software: one(f, `${k}software`),
        url: one(f, `${k}url`),
        check: one(f, `${k}check`),
        description: one(f, `${k}description`),
        price: prune({
          model: one(f, `${k}price.model`) ?? "free",
          amount: num(f, `${k}price.amount`),
          currency: one(f, `${k}price.currency`)?.toUpperCase(),
          period: one(f, `${k}price.period`),
          note: one(f, `${k}price.note`),
        }),
        availability: one(f, `${k}availability`) ?? "open",
        supportLanguages: list(f, `${k}supportLanguages`),
      });
    }),
    capacity: hasCapacity
      ? prune({
          ...Object.fromEntries(capacityKeys.map((key) => [key, num(f, `capacity.${key}`)])),
          statedAt: one(f, "capacity.statedAt") ?? new Date().toISOString().slice(0, 10),
        })
      : undefined,
    norms: prune({
      codeOfConduct: one(f, "norms.codeOfConduct"),
      codeOfConductUrl: one(f, "norms.codeOfConductUrl"),
      moderationPolicy: one(f, "norms.moderationPolicy"),
      shutdownNoticeDays: num(f, "norms.shutdownNoticeDays"),
      governance: one(f, "norms.governance"),
      funding: many(f, "norms.funding"),
      dataPolicy: prune({
        backupFrequency: one(f, "norms.dataPolicy.backupFrequency"),
        backupRetentionDays: num(f, "norms.dataPolicy.backupRetentionDays"),
        encryptionAtRest: one(f, "norms.dataPolicy.encryptionAtRest"),
        policyUrl: one(f, "norms.dataPolicy.policyUrl"),
      }),
      emergencyAccess: Object.keys(emergency).length ? emergency : undefined,
    }),
    place: prune({
      country: one(f, "place.country")?.toUpperCase(),
      region: one(f, "place.region"),
      jurisdiction: one(f, "place.jurisdiction"),
      upstream: prune({
        datacenter: one(f, "place.upstream.datacenter"),
        asn: asnOf(f, "place.upstream.asn"),
        provider: one(f, "place.upstream.provider"),
      }),
    }),
    evidence: evidenceRows.map((i) =>
      prune({
        claim: one(f, `evidence.${i}.claim`) ?? "",
        url: one(f, `evidence.${i}.url`) ?? "",
        reconfirmBy: one(f, `evidence.${i}.reconfirmBy`) ?? "",
      }),
    ),
  };
  return { name: one(f, "name") ?? "", profile: prune(profile), serviceRows, evidenceRows };
}

export type FieldError = { code: string; vars?: Record<string, string | number> };

/** Translatable error codes by form field name, mapping row positions back to the rows as submitted. */
export function issuesToFields(
  issues: readonly z.core.$ZodIssue[],
  parsed: ParsedForm,
  prefix: string[] = ["profile"],
): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of issues) {
    let path = issue.path.map(String);
    if (prefix.length && path[0] === prefix[0]) path = path.slice(1);
    if (path[0] === "services" && path[1] !== undefined)
      path[1] = String(parsed.serviceRows[Number(path[1])] ?? path[1]);
    if (path[0] === "evidence" && path[1] !== undefined)
      path[1] = String(parsed.evidenceRows[Number(path[1])] ?? path[1]);
    // An item of a list field (languages.2) is reported on the list's one input.
    if (
      path.length > 1 &&
      /^\d+$/.test(path.at(-1)!) &&
      !(path.length === 2 && (path[0] === "services" || path[0] === "evidence"))
    )
      path = path.slice(0, -1);
    if (path.length === 2 && path[0] === "capacity" && path[1] === "statedAt") path = ["capacity", "statedAt"];
    const name = path.join(".") || "summary";
    out[name] ??= issueCode(issue);
  }
  return out;
}

function issueCode(issue: z.core.$ZodIssue): FieldError {
  const message = issue.message;
  switch (issue.code) {
    case "invalid_format":
      if (issue.format === "url") return { code: "url" };
      if (issue.format === "date") return { code: "date" };
      if (message.includes("currency")) return { code: "currency" };
      if (message.includes("country")) return { code: "country" };
      if (message.includes("language")) return { code: "language" };
      return { code: "format" };
    case "too_big":
      if (issue.origin === "string") return { code: "tooLong", vars: { max: Number(issue.maximum) } };
      if (issue.origin === "array") return { code: "tooMany", vars: { max: Number(issue.maximum) } };
      return { code: "tooBig", vars: { max: Number(issue.maximum) } };
    case "too_small":
      if (issue.origin === "string") return { code: "required" };
      return { code: "tooSmall", vars: { min: Number(issue.minimum) } };
    case "invalid_type":
      return { code: issue.expected === "number" ? "number" : "required" };
    case "invalid_value":
      return { code: "choice" };
    case "custom":
      if (message.includes("amount")) return { code: "priceAmount" };
      if (message.includes("currency")) return { code: "priceCurrency" };
      if (message.includes("unique")) return { code: "unique" };
      return { code: "invalid" };
    default:
      return { code: "invalid" };
  }
}
