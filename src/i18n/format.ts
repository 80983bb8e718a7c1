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

type DurationFormatter = { format(duration: Record<string, number>): string };
type DurationFormatConstructor = new (locale: string, options: { style: "long" }) => DurationFormatter;

/**
 * A length of time in words, largest units first: "14 days", "1 hour, 30 minutes", "14 jours et 1 heure".
 * Weeks are written as days (a charter's `P2W` reads "14 days").
 */
export function formatDuration(locale: string, ms: number): string {
  let s = Math.max(0, Math.round(ms / 1000));
  const parts: Record<string, number> = {};
  for (const [unit, size] of [
    ["days", 86_400],
    ["hours", 3600],
    ["minutes", 60],
    ["seconds", 1],
  ] as const) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n) parts[unit] = n;
  }
  if (Object.keys(parts).length === 0) parts.seconds = 0;
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (!DurationFormat)
    return Object.entries(parts)
      .map(([unit, n]) => `${formatNumber(locale, n)} ${unit}`)
      .join(" ");
  let formatter = durations.get(locale);
  if (!formatter) {
    formatter = new DurationFormat(locale, { style: "long" });
    durations.set(locale, formatter);
  }
  return formatter.format(parts);
}
const durations = new Map<string, DurationFormatter>();

/** A fraction as a percentage with the language's sign and spacing: 0.5 -> "50%", "50 %", "50 %". */
export function formatPercent(locale: string, fraction: number): string {
  return cached(
    `p:${locale}`,
    () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }),
  ).format(fraction);
}
