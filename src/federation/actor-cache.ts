// The actor document is built (JSON-LD compaction, key export) only when the profile changes, not on
// every request: the serialised document is kept and served as is. Another process (the CLI, a
// second server) may change the profile, so the version is re-checked at most every few seconds.
import type { Context } from "@fedify/fedify";
import type { Organization } from "@fedify/vocab";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { provider } from "../db/schema/index.ts";
import { findProvider, type ProviderRecord } from "../domain/provider/provider.repository.ts";
import type { Services } from "../services.ts";
import { buildActor, type ActorUrls } from "./mappers/actor.ts";

export type ActorEntry = {
  readonly record: ProviderRecord;
  readonly actor: Organization;
  readonly body: string;
  readonly etag: string;
};

export class ActorCache {
  readonly #services: Services;
  readonly #urls: (handle: string) => ActorUrls;
  readonly #recheckMs: number;
  #entry: ActorEntry | undefined;
  #checkedAt = 0;
  #building: Promise<ActorEntry | undefined> | undefined;

  constructor(services: Services, urls: (handle: string) => ActorUrls, recheckMs = 2000) {
    this.#services = services;
    this.#urls = urls;
    this.#recheckMs = recheckMs;
  }

  invalidate(): void {
    this.#entry = undefined;
    this.#checkedAt = 0;
  }

  /**
   * The current actor, or undefined before setup. The context may be given as a function: creating a
   * Fedify context costs more than serving the cached document, so it is made only to rebuild it.
   */
  async get(ctx: Context<Services> | (() => Context<Services>)): Promise<ActorEntry | undefined> {
    const now = Date.now();
    if (this.#entry && now - this.#checkedAt < this.#recheckMs) return this.#entry;
    this.#building ??= this.#refresh(ctx).finally(() => (this.#building = undefined));
    return this.#building;
  }

  async #refresh(context: Context<Services> | (() => Context<Services>)): Promise<ActorEntry | undefined> {
    const { db } = this.#services.database;
    if (this.#entry) {
      const [row] = await db.select({ version: provider.version }).from(provider).where(eq(provider.id, 1));
      if (row?.version === this.#entry.record.version) {
        this.#checkedAt = Date.now();
        return this.#entry;
      }
    }
    const record = await findProvider(db);
    if (!record) {
      this.#entry = undefined;
      return undefined;
    }
    const ctx = typeof context === "function" ? context() : context;
    const { actor, json } = await buildActor(ctx, record, this.#urls(record.handle));
    const body = JSON.stringify(json);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    this.#entry = { record, actor, body, etag };
    this.#checkedAt = Date.now();
    return this.#entry;
  }
}
