// Closing down, the network's part: finding the successor named by the operator, the public note's
// text, and the clock that settles a notice at its date (a Move only if the successor consented and
// its actor lists ours in alsoKnownAs, checked on a fresh fetch).
import { findProviderActor, localActorUri } from "../domain/actors/local-actors.ts";
import type { TagUrl } from "../domain/announcements/announcements.ts";
import { dueNotices, type ShutdownNotice, type ShutdownPorts, settleNotice } from "../domain/shutdown/shutdown.ts";
import { outcomeAtDate } from "../domain/shutdown/rules.ts";
import { translator } from "../i18n/i18n.ts";
import type { Runtime } from "../runtime.ts";
import { getJson } from "./directory/peer-profile.ts";
import type { AppFederation } from "./federation.ts";
import { lookupActor } from "./follow-remote.ts";
import { actorHandle } from "./inbox/actor-info.ts";
import type { LocalActors } from "./local-actors.ts";
import { tagUrl } from "./mappers/note.ts";
import { fellowMembers } from "./networks/membership.ts";
import { networksRuntime } from "./networks/runtime.ts";

/** What announcing a notice needs from the network, for the provider set up on this instance. */
export async function shutdownPorts(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  now = new Date(),
): Promise<ShutdownPorts | undefined> {
  const provider = await findProviderActor(services.database.db);
  if (!provider) return undefined;
  const t = translator(provider.record.profile.languages[0] ?? "en");
  const link: TagUrl = (tag) => tagUrl(services.config.origin, tag).href;
  return {
    ownUri: localActorUri(services.config.origin, provider.identifier),
    now,
    tagUrl: link,
    async resolveSuccessor(query) {
      const actor = await lookupActor(federation, services, query);
      if (!actor?.id || !actor.inboxId) return null;
      return { actorUri: actor.id.href, inbox: actor.inboxId.href, handle: actorHandle(actor) };
    },
    networkMembers: () => closingAudience(federation, services, actors),
    noteText: ({ effective, successor, message }) =>
      `${t("shutdown.note", {
        provider: provider.record.name,
        date: effective.toISOString().slice(0, 10),
        successor: successor.handle ?? successor.actorUri,
      })}\n\n${message}`,
  };
}

/** The current members of every network this provider is in, told of its closing besides its followers. */
export const closingAudience = (federation: AppFederation, services: Runtime, actors: LocalActors) =>
  fellowMembers(networksRuntime(services, federation, actors));

/** Whether the actor at `uri` lists `ours` in its alsoKnownAs (read fresh, not from a cache). */
export async function listsAlias(services: Runtime, uri: string, ours: string): Promise<boolean> {
  const answer = await getJson(services, uri);
  if ("error" in answer || answer.status !== 200 || !answer.json || typeof answer.json !== "object") return false;
  const aka = (answer.json as { alsoKnownAs?: unknown }).alsoKnownAs;
  const list = Array.isArray(aka) ? aka : [aka];
  return list.some((a) => a === ours || (a && typeof a === "object" && (a as { id?: unknown }).id === ours));
}

/** Settles each notice whose date has come; returns how many were settled. */
export async function settleDueNotices(services: Runtime, now = new Date()): Promise<number> {
  const { db } = services.database;
  const provider = await findProviderActor(db);
  if (!provider) return 0;
  const ours = localActorUri(services.config.origin, provider.identifier);
  let settled = 0;
  for (const notice of await dueNotices(db, now)) {
    const aliased = notice.consent === "accepted" && (await listsAlias(services, notice.successorUri, ours));
    const decision = outcomeAtDate(notice.consent, aliased);
    if (await settleNotice(db, notice.id, decision, now)) settled++;
    logOutcome(services, notice, decision);
  }
  if (settled > 0) services.queue.wake();
  return settled;
}

function logOutcome(services: Runtime, notice: ShutdownNotice, decision: ReturnType<typeof outcomeAtDate>) {
  services.logger
    .child({ module: "shutdown" })
    .info({ notice: notice.id, successor: notice.successorUri, ...decision }, "notice of closing settled");
}

/** Starts the clock; the returned function stops it and waits for a pass in progress. */
export function startShutdownClock(services: Runtime): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= settleDueNotices(services)
      .catch((err: unknown) => services.logger.warn({ err }, "shutdown clock failed"))
      .finally(() => {
        running = undefined;
      });
  }, services.config.shutdownCheckMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
