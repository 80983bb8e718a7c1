// Form pieces shared by the panel pages: labelled fields with their error next to them.
import { html } from "hono/html";
import type { Translate } from "../../../i18n/i18n.ts";

export type Errors = Readonly<Record<string, string>>;

/** A field error code ("taken", "url"…) in the operator's language. */
export const errorText = (t: Translate, code: string, vars?: Record<string, string | number>) => {
  const key = `panel.error.${code}`;
  const text = t(key, vars);
  return text === key ? t("panel.error.invalid") : text;
};

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

type FieldProps = {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  attrs?: string;
};

export function textField(p: FieldProps) {
  const id = idOf(p.name);
  const describedBy = [p.hint ? `${id}-hint` : "", p.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${p.error ? " has-error" : ""}"><label for="${id}">${p.label}</label>
${p.hint ? html`<small id="${id}-hint" class="hint">${p.hint}</small>` : ""}
${p.error ? html`<p id="${id}-error" class="error">${p.error}</p>` : ""}
<input id="${id}" name="${p.name}" type="${p.type ?? "text"}" value="${p.value ?? ""}"${p.required ? " required" : ""}${p.autocomplete ? html` autocomplete="${p.autocomplete}"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}${p.error ? html` aria-invalid="true"` : ""}></div>`;
}

export function textArea(p: FieldProps & { rows?: number }) {
  const id = idOf(p.name);
  const describedBy = [p.hint ? `${id}-hint` : "", p.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${p.error ? " has-error" : ""}"><label for="${id}">${p.label}</label>
${p.hint ? html`<small id="${id}-hint" class="hint">${p.hint}</small>` : ""}
${p.error ? html`<p id="${id}-error" class="error">${p.error}</p>` : ""}
<textarea id="${id}" name="${p.name}" rows="${p.rows ?? 6}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}${p.error ? html` aria-invalid="true"` : ""}>${p.value ?? ""}</textarea></div>`;
}

export function selectField(p: FieldProps & { options: { value: string; label: string }[]; blank?: string }) {
  const id = idOf(p.name);
  return html`<div class="field${p.error ? " has-error" : ""}"><label for="${id}">${p.label}</label>
${p.error ? html`<p id="${id}-error" class="error">${p.error}</p>` : ""}
<select id="${id}" name="${p.name}"${p.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ""}>
${p.blank !== undefined ? html`<option value="">${p.blank}</option>` : ""}
${p.options.map((o) => html`<option value="${o.value}"${o.value === p.value ? " selected" : ""}>${o.label}</option>`)}
</select></div>`;
}

/** A summary at the top of a form that failed, each error linking to its field. */
export function errorSummary(t: Translate, errors: Errors, labels: Readonly<Record<string, string>> = {}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return "";
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>${t("panel.error.summary", { count: entries.length })}</h2>
<ul>${entries.map(([name, message]) => html`<li><a href="#${idOf(name)}">${labels[name] ? `${labels[name]}: ` : ""}${message}</a></li>`)}</ul></div>`;
}

export function notice(text: string | undefined) {
  return text ? html`<p class="notice" role="status">${text}</p>` : "";
}
