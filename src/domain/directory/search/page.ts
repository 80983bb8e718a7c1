// The providers a page of results shows, as they are now. What a result shows of a provider only
// changes when its row does, and then the index gives it a new generation; so the providers shown
// lately are kept by generation, and only the others are read (most pages after a change).
import { sql, type SQL } from "drizzle-orm";
import { jsonValue, rowsOf, type Database } from "../../../db/client.ts";
import { textArray } from "./terms.ts";
import type { PageEntry, PageRow } from "./types.ts";

/** Providers kept: a few pages of each of the searches people make. */
const KEPT_PROVIDERS = 1000;

type Shown = Omit<PageRow, "score" | "stale" | "unbacked"> & { reconfirmBy: string[] };

/** The providers' rows as results show them, in no particular order. */
export function pageSql(actorUris: readonly string[]): SQL {
  return sql`select coalesce(json_agg(json_build_object(
      'actorUri', p.actor_uri, 'handle', p.handle, 'name', p.name, 'url', p.url, 'iconUrl', p.icon_url, 'local', p.local, 'member', p.member,
      'closingAt', p.closing_at, 'closingSuccessor', p.closing_successor, 'movedTo', p.moved_to,
      'summary', p.summary, 'languages', p.languages, 'valueTags', p.value_tags, 'country', p.country, 'region', p.region,
      'jurisdiction', p.jurisdiction, 'spareStorageGb', p.spare_storage_gb, 'spareAccounts', p.spare_accounts,
      'lastSeenAt', p.last_seen_at,
      'reconfirmBy', (select coalesce(json_agg(e->>'reconfirmBy'), '[]'::json)
        from jsonb_array_elements(coalesce(p.profile->'evidence', '[]'::jsonb)) e),
      'services', (select coalesce(json_agg(json_build_object(
          'kind', s.kind, 'name', s.name, 'software', s.software, 'description', s.description, 'url', s.url,
          'priceModel', s.price_model, 'priceAmount', s.price_amount, 'priceCurrency', s.price_currency,
          'pricePeriod', s.price_period, 'availability', s.availability, 'supportLanguages', s.support_languages
        ) order by s.position), '[]'::json) from directory_services s where s.actor_uri = p.actor_uri)
    )), '[]'::json) as results
  from directory_providers p where p.actor_uri = any(${textArray(actorUris)})`;
}

export class PageProviders {
  readonly #kept = new Map<string, { generation: number; shown: Shown }>();
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** The page's results in its order; a provider removed since the index was read is left out. */
  async rows(page: readonly PageEntry[], staleAfterMs: number): Promise<PageRow[]> {
    const missing = page.filter((e) => this.#kept.get(e.actorUri)?.generation !== e.generation);
    if (missing.length) {
      const [row] = await rowsOf<{ results: unknown }>(this.#database.db, pageSql(missing.map((e) => e.actorUri)));
      const generations = new Map(missing.map((e) => [e.actorUri, e.generation]));
      for (const shown of jsonValue<Shown[]>(row?.results ?? []))
        this.#keep(shown.actorUri, generations.get(shown.actorUri)!, shown);
    }
    const staleBefore = Date.now() - staleAfterMs;
    // Dates, not generations: a claim lapses when the day passes, whether or not its row changed.
    const today = new Date().toISOString().slice(0, 10);
    return page.flatMap((e) => {
      const kept = this.#kept.get(e.actorUri);
      if (!kept) return [];
      // Recently used last: the first ones out are the least recently shown.
      this.#kept.delete(e.actorUri);
      this.#kept.set(e.actorUri, kept);
      const { reconfirmBy, ...shown } = kept.shown;
      const unbacked = reconfirmBy.filter((date) => date < today).length;
      return [{ ...shown, score: e.score, stale: !e.local && e.lastSeen < staleBefore, unbacked }];
    });
  }

  #keep(actorUri: string, generation: number, shown: Shown): void {
    this.#kept.delete(actorUri);
    this.#kept.set(actorUri, { generation, shown });
    if (this.#kept.size > KEPT_PROVIDERS) this.#kept.delete(this.#kept.keys().next().value!);
  }
}
