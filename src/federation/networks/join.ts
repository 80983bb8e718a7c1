// Applying to a network through one of its members: find the member (a handle or an actor URL), read
// the networks it publishes (`GET <its origin>/networks`), pick the network, check the answers against
// the charter's questions, and keep the application; the queue sends the `Join`.
import { z } from "zod";
import { recordEvent } from "../../domain/events.ts";
import { findNetwork, insertNetwork, updateNetwork } from "../../domain/networks/networks.repository.ts";
import type { JoinInput } from "../../domain/networks/operations.ts";
import { fail, fieldError, ok, type Result } from "../../domain/validation.ts";
import { readLimited } from "../../http/read-limited.ts";
import { lookupActor } from "../follow-remote.ts";
import { networkKeyOf } from "./documents.ts";
import type { NetworksRuntime } from "./runtime.ts";
import { statusIn } from "./views.ts";

const listedNetwork = z.object({
  id: z.string().max(2048),
  key: z.string().max(64),
  name: z.string().max(200),
  charter: z.looseObject({ questions: z.array(z.string().max(2000)).max(50).default([]) }),
});
const listing = z.object({
  orderedItems: z.array(z.unknown()).max(1000).optional(),
  items: z.array(z.unknown()).max(1000).optional(),
});

type ListedNetwork = z.infer<typeof listedNetwork>;

/** The networks the member at an origin publishes (`GET <origin>/networks`), or undefined when they cannot be read. */
async function publishedNetworks(origin: string): Promise<ListedNetwork[] | undefined> {
  try {
    const response = await fetch(new URL("/networks", origin), {
      headers: { Accept: "application/activity+json" },
      redirect: "error",
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) return undefined;
    const body = await readLimited(response, 1024 * 1024);
    if (body === "too_large") return undefined;
    const parsed = listing.safeParse(JSON.parse(new TextDecoder().decode(body)));
    if (!parsed.success) return undefined;
    return (parsed.data.orderedItems ?? parsed.data.items ?? []).flatMap((item) => {
      const one = listedNetwork.safeParse(item);
      return one.success && networkKeyOf(one.data.id) === one.data.key ? [one.data] : [];
    });
  } catch {
    return undefined;
  }
}

/** Which question is not answered, or which answer answers no question. */
function answersProblem(questions: readonly string[], answers: Readonly<Record<string, string>>) {
  const missing = questions.find((q) => !answers[q]?.trim());
  if (missing !== undefined) return { field: "answers", code: "required", question: missing };
  const extra = Object.keys(answers).find((a) => !questions.includes(a));
  return extra === undefined ? undefined : { field: "answers", code: "invalid", question: extra };
}

export async function joinNetwork(rt: NetworksRuntime, input: JoinInput): Promise<Result<string>> {
  const self = await rt.self();
  if (!self) return fail("not_found", "provider.notSetUp");
  const via = input.via.trim();
  if (!/^@?[^@\s]+@[^@\s]+$/.test(via) && !/^https?:\/\/\S+$/.test(via))
    return fail("invalid", "network.via_invalid", { fields: { via: fieldError("handleOrUrl") } });
  const actor = await lookupActor(rt.federation, rt.services, via);
  if (!actor?.id)
    return fail("not_found", "network.via_not_found", { vars: { via }, fields: { via: fieldError("notFound") } });
  if (actor.id.href === self.actor) return fail("invalid", "network.via_self", { fields: { via: fieldError("self") } });
  const networks = await publishedNetworks(actor.id.origin);
  if (!networks) return fail("not_found", "network.via_unreachable", { vars: { via } });
  const wanted = input.network?.trim();
  const chosen = wanted ? networks.filter((n) => n.key === wanted || n.id === wanted) : networks;
  if (chosen.length === 0)
    return fail("not_found", "network.not_listed", { vars: { via }, fields: { network: fieldError("notFound") } });
  if (chosen.length > 1)
    return fail("invalid", "network.choose_network", {
      vars: { count: chosen.length },
      fields: { network: fieldError("required") },
    });
  const network = chosen[0]!;
  const problem = answersProblem(network.charter.questions, input.answers);
  if (problem)
    return fail("invalid", "network.answers_invalid", {
      vars: { question: problem.question },
      fields: { answers: fieldError(problem.code, { question: problem.question }) },
    });

  const { db } = rt.services.database;
  const known = await findNetwork(db, network.id);
  const sameKey = await findNetwork(db, network.key);
  // Keys route inside an instance: another network under the same key cannot be held beside it.
  if (sameKey && sameKey.id !== network.id)
    return fail("conflict", "network.key_taken", { vars: { key: network.key } });
  if (known) {
    const held = await rt.store.replica(known.id);
    const status = statusIn(known, held?.replica.record(Date.now(), rt.services.config.networkSettleMs), self.actor);
    if (status === "member" || status === "suspended") return fail("conflict", "network.already_member");
  }
  const application = {
    status: "applicant" as const,
    via: actor.id.href,
    answers: { ...input.answers },
    charter: network.charter,
    name: network.name,
  };
  await db.transaction(async (tx) => {
    if (!(await insertNetwork(tx, { id: network.id, key: network.key, ...application })))
      await updateNetwork(tx, network.id, application);
    await recordEvent(tx, { commonhost: "network.application.send", network: network.id });
  });
  rt.services.queue.wake();
  return ok(network.id);
}
