// Form pieces shared by the panel pages: labelled fields with their error next to them.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { labelled } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";

export type Errors = Readonly<Record<string, string>>;

/** A field error code ("taken", "url"…) in the operator's language. */
export const errorText = (t: Translate, code: string, vars?: Record<string, string | number>) => {
  const key = `panel.error.${code}`;
  const text = t(key, vars);
  return text === key ? t("panel.error.invalid") : text;
};

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

/** The id of a field's input, from its name: what error summaries and labels point at. */
export const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

type FieldProps = {
  name: string;
  /** When the same name appears more than once on a page (one form per row), a unique id. */
  id?: string;
  /** The label is read by screen readers but not shown (a table cell already says what it is). */
  hideLabel?: boolean;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  attrs?: string;
};

const labelTag = (id: string, p: FieldProps) =>
  html`<label for="${id}"${p.hideLabel ? html` class="visually-hidden"` : ""}>${p.label}</label>`;

export function textField(p: FieldProps) {
  const id = p.id ?? idOf(p.name);
  const describedBy = [p.hint ? `${id}-hint` : "", p.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${p.error ? " has-error" : ""}">${labelTag(id, p)}
${p.hint ? html`<small id="${id}-hint" class="hint">${p.hint}</small>` : ""}
${p.error ? html`<p id="${id}-error" class="error">${p.error}</p>` : ""}
<input id="${id}" name="${p.name}" type="${p.type ?? "text"}" value="${p.value ?? ""}"${p.required ? " required" : ""}${p.autocomplete ? html` autocomplete="${p.autocomplete}"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}${p.error ? html` aria-invalid="true"` : ""}></div>`;
}

export function textArea(p: FieldProps & { rows?: number }) {
  const id = p.id ?? idOf(p.name);
  const describedBy = [p.hint ? `${id}-hint` : "", p.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${p.error ? " has-error" : ""}">${labelTag(id, p)}
${p.hint ? html`<small id="${id}-hint" class="hint">${p.hint}</small>` : ""}
${p.error ? html`<p id="${id}-error" class="error">${p.error}</p>` : ""}
<textarea id="${id}" name="${p.name}" rows="${p.rows ?? 6}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}${p.error ? html` aria-invalid="true"` : ""}>${p.value ?? ""}</textarea></div>`;
}

export function selectField(p: FieldProps & { options: { value: string; label: string }[]; blank?: string }) {
  const id = p.id ?? idOf(p.name);
  const describedBy = [p.hint ? `${id}-hint` : "", p.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${p.error ? " has-error" : ""}">${labelTag(id, p)}
${p.hint ? html`<small id="${id}-hint" class="hint">${p.hint}</small>` : ""}
${p.error ? html`<p id="${id}-error" class="error">${p.error}</p>` : ""}
<select id="${id}" name="${p.name}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}${p.error ? html` aria-invalid="true"` : ""}>
${p.blank !== undefined ? html`<option value="">${p.blank}</option>` : ""}
${p.options.map((o) => html`<option value="${o.value}"${o.value === p.value ? " selected" : ""}>${o.label}</option>`)}
</select></div>`;
}

/**
 * Where a posted form lands: the form's action (or its button's formaction) ends in #result, and the
 * page the POST answers puts id="result" on what the operator wants to see: the error summary when
 * something is wrong, the preview when previewing. One of them at a time.
 */
export const RESULT_ID = "result";

/**
 * A summary at the top of a form that failed: one entry per field in error, in the order the fields
 * appear in the form, each naming its field and linking to it. `labels` lists the form's fields in
 * form order (field name -> visible label); errors of fields not listed come last, unnamed.
 */
export function errorSummary(t: Translate, errors: Errors, labels: Readonly<Record<string, string>> = {}) {
  const order = Object.keys(labels);
  const position = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  const entries = Object.entries(errors).sort(([a], [b]) => position(a) - position(b));
  if (entries.length === 0) return "";
  const locale = t.locale ?? "en";
  return html`<div class="error-summary" role="alert" tabindex="-1" id="result"><h2>${t("panel.error.summary", { count: entries.length })}</h2>
<ul>${entries.map(([name, message]) => html`<li><a href="#${idOf(name)}">${labels[name] ? labelled(locale, labels[name], message) : message}</a></li>`)}</ul></div>`;
}

/**
 * The confirmation step of an irreversible action: what will happen, then a form that posts to the
 * action, and a way back. Reached by a link (GET); only its button changes anything.
 */
export function confirmation(p: {
  t: Translate;
  csrf: string;
  title: string;
  /** What will happen, in a sentence or two, naming what is affected. */
  consequences: string[];
  action: string;
  submitLabel: string;
  cancelHref: string;
  hidden?: Record<string, string>;
  subject?: HtmlEscapedString | Promise<HtmlEscapedString>;
}) {
  return html`<h1>${p.title}</h1>${p.subject ?? ""}<div class="confirm">${p.consequences.map((c) => html`<p>${c}</p>`)}</div>
<form method="post" action="${p.action}">${csrfField(p.csrf)}${Object.entries(p.hidden ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<p class="actions"><button type="submit" name="_action" value="confirm" class="primary">${p.submitLabel}</button> <a href="${p.cancelHref}">${p.t("panel.confirm.cancel")}</a></p></form>`;
}

/** A one-time secret (token, invitation link): shown once, selectable, with how to keep it. */
export function secretBox(p: { id: string; intro: string; label: string; value: string }) {
  return html`<div class="notice" role="status"><p>${p.intro}</p><p><label for="${p.id}">${p.label}</label><input id="${p.id}" readonly value="${p.value}" class="wide"></p></div>`;
}

export function notice(text: string | undefined) {
  return text ? html`<p class="notice" role="status">${text}</p>` : "";
}
