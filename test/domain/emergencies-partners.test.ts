// Who may speak for a member follows the charter: with `partners` (the default), only a provider with an
// active agreement with the member; with `members`, any current member. Agreement partners are told
// first: their deliveries are queued before the rest of the network's. Membership and charters are
// plain ports; agreements are stored in the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { queueMessages } from "../../src/db/schema/index.ts";
import type { Agreement } from "../../src/domain/aid/agreements.ts";
import { insertAgreement } from "../../src/domain/aid/aid.repository.ts";
import { declareEmergency, type EmergencyPorts, listEmergencies } from "../../src/domain/emergencies/emergencies.ts";
import type { OnBehalf } from "../../src/domain/networks/charter.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const db = () => database().db;

const SELF = "https://home.example/actors/home";
// Sorted by name the partner comes last: told first all the same.
const OTHER = "https://alpha.example/actors/alpha";
const PARTNER = "https://zulu.example/actors/zulu";
const LAPSED = "https://lapsed.example/actors/lapsed";
const members = [SELF, OTHER, PARTNER, LAPSED];
const now = new Date("2026-11-28T09:00:00Z");
const day = 86_400_000;

const portsWith = (rule: OnBehalf): EmergencyPorts => ({
  ownUri: SELF,
  now,
  tagUrl: (tag) => `https://home.example/tags/${tag}`,
  audience: async (subject) => (members.includes(subject) ? members : null),
  onBehalfRules: async () => [rule],
  noteText: ({ summary }) => ({ warning: `CW: ${summary}`, content: "x", language: null }),
});

/** An agreement with `partner`, active in the record, whose last period ends at `until`. */
function agreementWith(partner: string, until: Date, n: number): Agreement {
  const terms = {
    proposal: `${SELF.replace("/actors/home", "")}/aid/proposals/${n}`,
    provider: SELF,
    receiver: partner,
    resource: "failover" as const,
    quantity: { value: 1, unit: "VM" },
    from: new Date(now.getTime() - 30 * day).toISOString(),
    until: until.toISOString(),
    proposed: new Date(now.getTime() - 31 * day).toISOString(),
  };
  const id = `sha256:${String(n).padStart(64, "0")}`;
  return {
    id,
    terms,
    proposedBy: partner,
    state: "active",
    periods: [{ from: terms.from, until: terms.until, digest: id, signatures: { [SELF]: "z1", [partner]: "z2" } }],
    history: [{ action: "propose", by: partner, at: terms.proposed }],
  };
}

const deliveries = async () =>
  (await db().select({ id: queueMessages.id, payload: queueMessages.payload }).from(queueMessages))
    .sort((x, y) => x.id - y.id)
    .map((r) => r.payload as Record<string, unknown>)
    .filter((p) => p.commonhost === "emergency.deliver");

describe("speaking for a member, by the charter", () => {
  beforeAll(async () => {
    expect((await setupProvider(db(), { handle: "home", name: "Home" })).ok).toBe(true);
    const key = (n: number) => `0193a1c2-7c1e-7000-8000-00000000000${n}`;
    await insertAgreement(db(), {
      key: key(1),
      uri: `${PARTNER}#a`,
      agreement: agreementWith(PARTNER, new Date(now.getTime() + day), 1),
      now,
    });
    // Still marked active, but its last period ran out: no longer a partner.
    await insertAgreement(db(), {
      key: key(2),
      uri: `${LAPSED}#a`,
      agreement: agreementWith(LAPSED, new Date(now.getTime() - day), 2),
      now,
    });
  });

  it("with `partners`, refuses a member without an active agreement, storing and sending nothing", async () => {
    for (const subject of [OTHER, LAPSED]) {
      const refused = await declareEmergency(
        db(),
        { kind: "outage", summary: "Down.", needs: "Help.", onBehalfOf: subject },
        portsWith("partners"),
      );
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error).toMatchObject({
        code: "forbidden",
        reason: "emergency.notPartner",
        fields: { onBehalfOf: { code: "notPartner" } },
      });
    }
    expect(await listEmergencies(db())).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it("with `partners`, a partner speaks for it, and partners' deliveries are queued first", async () => {
    const declared = await declareEmergency(
      db(),
      { kind: "seizure", summary: "Seized.", needs: "Mail.", onBehalfOf: PARTNER },
      portsWith("partners"),
    );
    expect(declared.ok && declared.value.recipients).toEqual([PARTNER, OTHER, LAPSED]);
    expect((await deliveries()).map((d) => d.to)).toEqual([PARTNER, OTHER, LAPSED]);
  });

  it("with `members`, any current member may be spoken for", async () => {
    const declared = await declareEmergency(
      db(),
      { kind: "outage", summary: "Other is down.", needs: "DNS.", onBehalfOf: OTHER },
      portsWith("members"),
    );
    expect(declared.ok).toBe(true);
    // The partner first again, then the others by name.
    expect(declared.ok && declared.value.recipients).toEqual([PARTNER, OTHER, LAPSED]);
  });
});
