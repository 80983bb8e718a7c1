// One way to write dates and numbers per language, used by every page: a date is never shown as
// ISO in one place and localised in another.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  const found = cache.get(key) as T | undefined;
  if (found) return found;
  const made = make();
  cache.set(key, made);
  return made;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date ("2027-03-31", as stored and as date inputs send it) or an instant, in the
 * language's medium style: "31 Mar 2027", "31 mars 2027", "31.03.2027". A calendar date is read in
 * UTC so it never moves by a day; anything unreadable is returned as given.
 */
export function formatDate(locale: string, value: Date | string): string {
  const date = typeof value === "string" ? new Date(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const utc = typeof value === "string" && ISO_DATE.test(value);
  return cached(
    `d:${locale}:${utc}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(utc ? { timeZone: "UTC" } : {}) }),
  ).format(date);
}

/** An instant with its time of day: "31 Mar 2027, 14:05". */
export function formatDateTime(locale: string, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return cached(
    `dt:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }),
  ).format(date);
}

/** A number with the language's separators: 1,500 / 1 500 / 1.500. */
export function formatNumber(locale: string, value: number): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** An amount of money in its currency: "€5.00", "5,00 €". */
export function formatMoney(locale: string, amount: number, currency: string): string {
  return cached(`m:${locale}:${currency}`, () => new Intl.NumberFormat(locale, { style: "currency", currency })).format(
    amount,
  );
}

/** The name of a language in another: languageName("fr", "de") is "allemand". */
export function languageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * "Label: value" with the language's typography: French puts a no-break space before the colon
 * ("Langues : fr, en"), the others none.
 */
export function labelled(locale: string, label: string, value: string): string {
  return `${label}${colon(locale)}${value}`;
}
export const colon = (locale: string) => (locale.split("-")[0] === "fr" ? "\u00a0: " : ": ");
