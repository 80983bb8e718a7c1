// The profile editor: every part of the profile in one form that works without JavaScript.
import { html, raw } from "hono/html";
import { renderMarkdown } from "../../../domain/markdown.ts";
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
} from "../../../domain/profile/taxonomy.ts";
import { formatDate } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import type { FormValues } from "../../panel/profile-form.ts";
import { csrfField, errorSummary, idOf, notice, selectField, textArea, textField, type Errors } from "./forms.ts";

export type ProfileEditorProps = {
  t: Translate;
  csrf: string;
  handle: string;
  values: FormValues;
  errors: Errors;
  today: string;
  done?: string | undefined;
  preview?: ReturnType<typeof html> | undefined;
};

const one = (v: FormValues, name: string) => {
  const x = v[name];
  return Array.isArray(x) ? x[0] : x;
};
const many = (v: FormValues, name: string) => {
  const x = v[name];
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
};
const options = (t: Translate, prefix: string, list: readonly string[]) =>
  list.map((value) => ({ value, label: t(`${prefix}${value}`) }));
const rowIndices = (v: FormValues, group: string) =>
  [
    ...new Set(
      Object.keys(v)
        .map((k) => new RegExp(`^${group}\\.(\\d+)\\.`).exec(k)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number),
    ),
  ].sort((a, b) => a - b);

/** The form's sections, in order: each a fieldset with this id, listed in the table of contents. */
const sections = [
  ["identity", "panel.profile.identity"],
  ["values", "profile.values"],
  ["services", "profile.services"],
  ["capacity", "profile.capacity"],
  ["norms", "profile.norms"],
  ["place", "profile.place"],
  ["evidence", "profile.evidence"],
] as const;

export function profileEditorView(p: ProfileEditorProps) {
  const { t, values: v, errors: e } = p;
  const dateHint = t("panel.hint.date", { example: formatDate(t.locale ?? "en", "2027-03-31") });
  const legend = (id: (typeof sections)[number][0]) =>
    html`<legend>${t(sections.find(([s]) => s === id)![1])}</legend>`;
  const services = rowIndices(v, "services");
  const evidence = rowIndices(v, "evidence");
  // Field labels for the error summary, with the row they belong to.
  const labels: Record<string, string> = {};
  const label = (name: string, text: string) => {
    const row = /^(services|evidence)\.(\d+)\./.exec(name);
    const n = row ? (row[1] === "services" ? services : evidence).indexOf(Number(row[2])) + 1 : 0;
    labels[name] =
      row && n > 0
        ? `${t(row[1] === "services" ? "panel.profile.serviceN" : "panel.profile.evidenceN", { n })}, ${text}`
        : text;
    return text;
  };
  const F = (name: string, text: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label: label(name, text), value: one(v, name), error: e[name], ...extra });
  const S = (name: string, text: string, list: { value: string; label: string }[], blank = t("panel.choose")) =>
    selectField({ name, label: label(name, text), value: one(v, name), error: e[name], options: list, blank });
  const A = (name: string, text: string, extra: { rows?: number; hint?: string } = {}) =>
    textArea({ name, label: label(name, text), value: one(v, name), error: e[name], ...extra });
  const nextService = services.length ? Math.max(...services) + 1 : 0;
  const nextEvidence = evidence.length ? Math.max(...evidence) + 1 : 0;
  const checks = (name: string, list: readonly string[], prefix: string, legend: string) => {
    label(name, legend);
    return html`<ul class="checks" id="${idOf(name)}">${list.map((tag) => {
      const id = `f-${name.replace(/\./g, "-")}-${tag}`;
      return html`<li><input type="checkbox" id="${id}" name="${name}" value="${tag}"${many(v, name).includes(tag) ? " checked" : ""}><label for="${id}">${t(`${prefix}${tag}`)}</label></li>`;
    })}</ul>${e[name] ? html`<p class="error">${e[name]}</p>` : ""}`;
  };

  const serviceRow = (i: number, isNew: boolean) => {
    const k = `services.${i}.`;
    return html`<fieldset class="row"><legend>${isNew ? t("panel.profile.newService") : t("panel.profile.serviceN", { n: services.indexOf(i) + 1 })}</legend>
${S(`${k}kind`, t("panel.field.serviceKind"), options(t, "taxonomy.service.", serviceKinds))}
${F(`${k}name`, t("panel.field.serviceName"))}${F(`${k}software`, t("panel.field.software"))}${F(`${k}url`, t("panel.field.url"), { type: "url" })}${F(`${k}check`, t("panel.field.check"), { type: "url", hint: t("panel.field.checkHint") })}
${A(`${k}description`, t("panel.field.description"), { rows: 3 })}
${selectField({ name: `${k}price.model`, label: label(`${k}price.model`, t("panel.field.priceModel")), value: one(v, `${k}price.model`), error: e[`${k}price.model`], options: options(t, "price.", priceModels) })}
${F(`${k}price.amount`, t("panel.field.amount"), { attrs: "", hint: t("panel.hint.amount") })}${F(`${k}price.currency`, t("panel.field.currency"), { hint: t("panel.hint.currency") })}
${S(`${k}price.period`, t("panel.field.period"), options(t, "period.", pricePeriods))}${F(`${k}price.note`, t("panel.field.priceNote"))}
${selectField({ name: `${k}availability`, label: label(`${k}availability`, t("panel.field.availability")), value: one(v, `${k}availability`), error: e[`${k}availability`], options: options(t, "availability.", availabilities) })}
${F(`${k}supportLanguages`, t("panel.field.supportLanguages"), { hint: t("panel.hint.languages") })}
${
  isNew
    ? ""
    : html`${F(`${k}position`, t("panel.field.position"), { type: "number", value: one(v, `${k}position`) ?? String(services.indexOf(i) + 1) })}
<p><input type="checkbox" id="f-${k}remove" name="${k}_remove" value="1"><label for="f-${k}remove">${t("panel.profile.removeService")}</label></p>`
}</fieldset>`;
  };

  const evidenceRow = (i: number, isNew: boolean) => {
    const k = `evidence.${i}.`;
    const due = one(v, `${k}reconfirmBy`);
    const lapsed = !isNew && due !== undefined && due < p.today;
    return html`<fieldset class="row"><legend>${isNew ? t("panel.profile.newEvidence") : t("panel.profile.evidenceN", { n: evidence.indexOf(i) + 1 })}</legend>
${lapsed ? html`<p class="warn" role="status"><strong>${t("evidence.lapsed", { date: formatDate(t.locale ?? "en", due) })}</strong></p>` : ""}
${F(`${k}claim`, t("panel.field.claim"))}${F(`${k}url`, t("panel.field.url"), { type: "url" })}${F(`${k}reconfirmBy`, t("panel.field.reconfirmBy"), { type: "date", hint: dateHint })}
${isNew ? "" : html`<p><input type="checkbox" id="f-${k}remove" name="${k}_remove" value="1"><label for="f-${k}remove">${t("panel.profile.removeEvidence")}</label></p>`}</fieldset>`;
  };

  const form = html`<form method="post" action="/admin/profile" novalidate>${csrfField(p.csrf)}
<fieldset id="section-identity">${legend("identity")}
<p>${t("panel.profile.handle", { handle: p.handle })}</p>
${F("name", t("panel.field.providerName"))}
${A("summary", t("panel.field.summary"), { rows: 3, hint: t("panel.hint.summary") })}
${F("website", t("field.website"), { type: "url" })}${F("languages", t("panel.field.languages"), { hint: t("panel.hint.languages") })}</fieldset>
<fieldset id="section-values">${legend("values")}${checks("values.tags", valueTags, "taxonomy.value.", t("profile.values"))}
${A("values.statement", t("panel.field.statement"), { hint: t("panel.hint.markdown") })}
<p><button type="submit" name="_action" value="preview" formaction="/admin/profile#result">${t("panel.preview")}</button></p>
${p.preview ?? ""}</fieldset>
<fieldset id="section-services">${legend("services")}${services.map((i) => serviceRow(i, false))}${serviceRow(nextService, true)}</fieldset>
<fieldset id="section-capacity">${legend("capacity")}
${F("capacity.storageGb", t("panel.field.storageGb"))}${F("capacity.computeVcpu", t("panel.field.computeVcpu"))}${F("capacity.bandwidthMbps", t("panel.field.bandwidthMbps"))}${F("capacity.accounts", t("capacity.accounts"))}
${F("capacity.statedAt", t("panel.field.statedAt"), { type: "date", hint: dateHint })}</fieldset>
<fieldset id="section-norms">${legend("norms")}
${S("norms.governance", t("norms.governance"), options(t, "governance.", governanceForms))}
<fieldset><legend>${t("panel.field.funding")}</legend>${checks("norms.funding", fundingSources, "panel.funding.", t("panel.field.funding"))}</fieldset>
${F("norms.shutdownNoticeDays", t("panel.field.shutdownNoticeDays"))}
${F("norms.emergencyAccess.people", t("panel.field.emergencyPeople"))}${F("norms.emergencyAccess.description", t("panel.field.emergencyDescription"))}
${S("norms.dataPolicy.backupFrequency", t("norms.backups"), options(t, "backup.", backupFrequencies))}${F("norms.dataPolicy.backupRetentionDays", t("panel.field.backupRetentionDays"))}
${S("norms.dataPolicy.encryptionAtRest", t("norms.encryption"), options(t, "encryption.", encryptionLevels))}${F("norms.dataPolicy.policyUrl", t("panel.field.dataPolicyUrl"), { type: "url" })}
${F("norms.codeOfConductUrl", t("panel.field.codeOfConductUrl"), { type: "url" })}
${A("norms.codeOfConduct", t("norms.codeOfConduct"), { rows: 4, hint: t("panel.hint.markdown") })}
${A("norms.moderationPolicy", t("norms.moderation"), { rows: 4, hint: t("panel.hint.markdown") })}</fieldset>
<fieldset id="section-place">${legend("place")}
${F("place.country", t("panel.field.country"), { hint: t("panel.hint.country") })}${F("place.region", t("field.region"))}${F("place.jurisdiction", t("panel.field.jurisdiction"))}
${F("place.upstream.provider", t("panel.field.upstreamProvider"))}${F("place.upstream.datacenter", t("panel.field.datacenter"))}${F("place.upstream.asn", t("panel.field.asn"), { hint: t("panel.hint.asn") })}</fieldset>
<fieldset id="section-evidence">${legend("evidence")}<p>${t("panel.profile.evidenceIntro")}</p>${evidence.map((i) => evidenceRow(i, false))}${evidenceRow(nextEvidence, true)}</fieldset>
<p class="actions"><button type="submit" name="_action" value="preview" formaction="/admin/profile#result">${t("panel.preview")}</button> <button type="submit" name="_action" value="save" class="primary" formaction="/admin/profile#result">${t("panel.profile.save")}</button></p>
</form>`;
  // A table of contents: the form is long, and each section is one link away (no JavaScript needed).
  const toc = html`<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title" class="hint">${t("panel.profile.contents")}</h2><ul>${sections.map(
    ([id, key]) => html`<li><a href="#section-${id}">${t(key)}</a></li>`,
  )}<li><a href="#mastodon-preview-title">${t("panel.profile.mastodonPreview")}</a></li></ul></nav>`;
  return html`<h1>${t("panel.profile.title")}</h1>
${notice(p.done)}
${errorSummary(t, e, labels)}
${toc}
${form}`;
}

export function statementPreview(t: Translate, statement: string) {
  return html`<section class="preview" aria-label="${t("panel.previewOf", { what: t("panel.field.statement") })}"><h3>${t("panel.preview")}</h3>${raw(renderMarkdown(statement))}</section>`;
}
