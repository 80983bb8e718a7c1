// The networks this instance is in, as the API, panel and command line use them (NetworkOperations).
// What it does is checked against the record it folds itself (actions.ts), signed with the provider's
// key, stored, and delivered by the queue to every other current member and a motion's subject.
import { randomBytes } from "node:crypto";
import { castBallot, foundNetwork, leaveNetwork, openMotion } from "../../domain/networks/actions.ts";
import { toFailure } from "../../domain/networks/failures.ts";
import { findNetwork, insertNetwork, listNetworks, updateNetwork } from "../../domain/networks/networks.repository.ts";
import { idOf } from "../../domain/networks/objects.ts";
import { acknowledgeFork } from "../../domain/networks/shown.ts";
import type { NetworkOperations } from "../../domain/networks/operations.ts";
import type { NetworkRecord } from "../../domain/networks/record.ts";
import type { HeldReplica } from "../../domain/networks/store.ts";
import { fail, ok, type Result } from "../../domain/validation.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";
import { documentOf, motionKeyOf } from "./documents.ts";
import { joinNetwork } from "./join.ts";
import { signDocument } from "./proof.ts";
import { publishObject, recipientsOf } from "./publish.ts";
import { networksRuntime, type NetworkSelf } from "./runtime.ts";
import { motionView, motionViews, networkView } from "./views.ts";

type Loaded = { row: NonNullable<Awaited<ReturnType<typeof findNetwork>>>; held?: HeldReplica; record?: NetworkRecord };
type Acting = { row: Loaded["row"]; held: HeldReplica; record: NetworkRecord; self: NetworkSelf };

export function networkOperations(
  services: Runtime,
  federation: AppFederation,
  actors: LocalActors,
): NetworkOperations {
  const rt = networksRuntime(services, federation, actors);
  const { db } = services.database;
  const settleMs = services.config.networkSettleMs;
  const minWindowMs = services.config.networkMinWindowMs;

  const load = async (network: string): Promise<Loaded | undefined> => {
    const row = await findNetwork(db, network);
    if (!row) return undefined;
    const held = await rt.store.replica(row.id);
    return { row, ...(held ? { held, record: held.replica.record(Date.now(), settleMs) } : {}) };
  };
  const unknown = (network: string) => fail("not_found", "network.unknown", { vars: { network } });

  /** The network with its record and the provider, for something this instance does in it. */
  const acting = async (network: string): Promise<Result<Acting>> => {
    const self = await rt.self();
    if (!self) return fail("not_found", "provider.notSetUp");
    const loaded = await load(network);
    if (!loaded) return unknown(network);
    if (!loaded.held || !loaded.record) return fail("forbidden", "network.not_member");
    return ok({ row: loaded.row, held: loaded.held, record: loaded.record, self });
  };

  const view = async (network: string) => {
    const loaded = await load(network);
    if (!loaded) return undefined;
    return networkView(loaded.row, loaded.record, (await rt.self())?.actor, Date.now());
  };

  const motionByKey = async (network: string, motionKey: string) => {
    const loaded = await load(network);
    if (!loaded) return unknown(network);
    const state = [...(loaded.record?.motions.values() ?? [])].find((m) => motionKeyOf(m.id) === motionKey);
    if (!state || !loaded.held || !loaded.record) return fail("not_found", "network.motion_unknown");
    return ok({ ...loaded, held: loaded.held, record: loaded.record, state });
  };

  const motionNow = async (network: string, motionKey: string) => {
    const found = await motionByKey(network, motionKey);
    if (!found.ok) return found;
    const { held, record, state } = found.value;
    return ok(motionView(held, record, state, (await rt.self())?.actor, Date.now()));
  };

  return {
    async list() {
      const self = (await rt.self())?.actor;
      const views = [];
      for (const row of await listNetworks(db)) {
        const held = await rt.store.replica(row.id);
        views.push(networkView(row, held?.replica.record(Date.now(), settleMs), self, Date.now()));
      }
      return views;
    },

    get: view,

    async found(input) {
      const self = await rt.self();
      if (!self) return fail("not_found", "provider.notSetUp");
      const key = randomBytes(10).toString("hex");
      const id = `${services.config.origin}/networks/${key}`;
      const charter =
        typeof input.charter === "object" && input.charter !== null && !Array.isArray(input.charter)
          ? { ...input.charter, purpose: input.purpose }
          : input.charter;
      const made = foundNetwork(
        { network: id, name: input.name, founder: self.actor, charter },
        Date.now(),
        minWindowMs,
      );
      if (!made.ok) return { ok: false, error: toFailure(made.failure) };
      const founding = await signDocument(documentOf(made.value), self.signer);
      await insertNetwork(db, { id, key, name: made.value.name, status: "member", founding });
      return ok((await view(id))!);
    },

    async join(input) {
      const joined = await joinNetwork(rt, input);
      return joined.ok ? ok((await view(joined.value))!) : joined;
    },

    async motions(network) {
      const loaded = await load(network);
      if (!loaded) return unknown(network);
      if (!loaded.held || !loaded.record) return ok([]);
      return ok(motionViews(loaded.held, loaded.record, (await rt.self())?.actor, Date.now()));
    },

    motion: motionNow,

    async openMotion(network, input) {
      const at = await acting(network);
      if (!at.ok) return at;
      const { record, self } = at.value;
      const made = openMotion(
        record,
        self.actor,
        {
          kind: input.kind,
          text: input.text,
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
          ...(input.charter !== undefined ? { charter: input.charter } : {}),
          ...(input.until !== undefined ? { until: input.until } : {}),
        },
        Date.now(),
        minWindowMs,
      );
      if (!made.ok) return { ok: false, error: toFailure(made.failure) };
      await publishObject(rt, self, made.value, recipientsOf(record, made.value, self.actor));
      return motionNow(network, motionKeyOf(idOf(made.value)));
    },

    async vote(network, motionKey, input) {
      const found = await motionByKey(network, motionKey);
      if (!found.ok) return found;
      const self = await rt.self();
      if (!self) return fail("not_found", "provider.notSetUp");
      const { record, state } = found.value;
      const made = castBallot(record, self.actor, state.id, input, Date.now());
      if (!made.ok) return { ok: false, error: toFailure(made.failure) };
      await publishObject(rt, self, made.value, recipientsOf(record, made.value, self.actor));
      return motionNow(network, motionKey);
    },

    async decisions(network) {
      const loaded = await load(network);
      if (!loaded) return unknown(network);
      return ok({ head: loaded.record?.head ?? null, decisions: [...(loaded.record?.decisions ?? [])] });
    },

    async leave(network) {
      const at = await acting(network);
      if (!at.ok) return at;
      const { record, self } = at.value;
      const made = leaveNetwork(record, self.actor, Date.now());
      if (!made.ok) return { ok: false, error: toFailure(made.failure) };
      await publishObject(rt, self, made.value, recipientsOf(record, made.value, self.actor));
      await updateNetwork(db, at.value.row.id, { status: "left" });
      return ok((await view(network))!);
    },

    async acknowledgeFork(network) {
      const loaded = await load(network);
      if (!loaded) return unknown(network);
      await acknowledgeFork(db, loaded.row.id);
      return ok((await view(network))!);
    },
  };
}
