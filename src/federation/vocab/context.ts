// Commonhost's JSON-LD vocabulary. Every term a profile uses is defined here and sent inline in
// @context, so no peer fetches a context document and a JSON-LD processor expanding our actor in
// safe mode keeps every property. Terms are scoped under the `commonhost` property so that common
// words (kind, amount, country...) never clash with terms of other vocabularies.
export const NAMESPACE = "https://w3id.org/commonhost/ns#";

const id = (name: string) => `ch:${name}`;
const set = (name: string) => ({ "@id": id(name), "@container": "@set" });
const date = (name: string) => ({ "@id": id(name), "@type": "xsd:date" });
const link = (name: string) => ({ "@id": id(name), "@type": "@id" });

const profileTerms = {
  taxonomyVersion: id("taxonomyVersion"),
  summary: id("summary"),
  languages: set("language"),
  website: link("website"),
  values: {
    "@id": id("values"),
    "@context": { tags: set("valueTag"), statement: id("statement") },
  },
  services: {
    "@id": id("services"),
    "@container": "@list",
    "@context": {
      kind: id("serviceKind"),
      name: id("serviceName"),
      software: id("software"),
      url: link("serviceUrl"),
      // The URL members of its networks probe for the health watch (a GET answering 2xx).
      check: link("serviceCheck"),
      description: id("description"),
      availability: id("availability"),
      supportLanguages: set("supportLanguage"),
      price: {
        "@id": id("price"),
        "@context": {
          model: id("priceModel"),
          amount: id("amount"),
          currency: id("currency"),
          period: id("period"),
          note: id("priceNote"),
        },
      },
    },
  },
  capacity: {
    "@id": id("capacity"),
    "@context": {
      storageGb: id("storageGb"),
      computeVcpu: id("computeVcpu"),
      bandwidthMbps: id("bandwidthMbps"),
      accounts: id("accounts"),
      statedAt: date("statedAt"),
    },
  },
  norms: {
    "@id": id("norms"),
    "@context": {
      codeOfConduct: id("codeOfConduct"),
      codeOfConductUrl: link("codeOfConductUrl"),
      moderationPolicy: id("moderationPolicy"),
      dataPolicy: {
        "@id": id("dataPolicy"),
        "@context": {
          backupFrequency: id("backupFrequency"),
          backupRetentionDays: id("backupRetentionDays"),
          encryptionAtRest: id("encryptionAtRest"),
          policyUrl: link("dataPolicyUrl"),
        },
      },
      shutdownNoticeDays: id("shutdownNoticeDays"),
      emergencyAccess: {
        "@id": id("emergencyAccess"),
        "@context": { people: id("people"), description: id("description") },
      },
      governance: id("governance"),
      funding: set("funding"),
    },
  },
  place: {
    "@id": id("place"),
    "@context": {
      country: id("country"),
      region: id("region"),
      jurisdiction: id("jurisdiction"),
      upstream: {
        "@id": id("upstream"),
        "@context": { datacenter: id("datacenter"), asn: id("asn"), provider: id("upstreamProvider") },
      },
    },
  },
  evidence: {
    "@id": id("evidence"),
    "@container": "@set",
    "@context": { claim: id("claim"), url: link("evidenceUrl"), reconfirmBy: date("reconfirmBy") },
  },
};

/** The inline context object appended to an actor's @context. */
export const commonhostContext = {
  ch: NAMESPACE,
  // Mastodon matches tag types by their short name, not by IRI.
  Hashtag: "as:Hashtag",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  commonhost: { "@id": id("profile"), "@context": profileTerms },
  // The collection of the networks a provider is a member of.
  networks: link("networks"),
  // The collection of the provider's open public offers and requests of mutual aid (FEP-0837 Proposals).
  aidProposals: link("aidProposals"),
  // A notice of closing down: { effective (an instant), successor (an actor URI) }, kept whole.
  closing: { "@id": id("closing"), "@type": "@json" },
} as const;

/**
 * The terms of a network's signed documents (founding, motions, ballots, closings) and of the `Join`
 * an application is. Nested values the engine reads as they are (a charter, answers, the ballot ids of
 * a closing) are JSON literals: a JSON-LD processor keeps them whole, and the proofs cover the raw JSON.
 */
export const networkContext = {
  ch: NAMESPACE,
  xsd: "http://www.w3.org/2001/XMLSchema#",
  NetworkFounding: id("NetworkFounding"),
  Motion: id("Motion"),
  Ballot: id("Ballot"),
  Closing: id("Closing"),
  network: link("network"),
  founder: link("founder"),
  by: link("by"),
  subject: link("subject"),
  kind: id("motionKind"),
  text: id("text"),
  motion: id("motion"),
  choice: id("choice"),
  reason: id("reason"),
  until: { "@id": id("until"), "@type": "xsd:dateTime" },
  charter: { "@id": id("charter"), "@type": "@json" },
  amendment: { "@id": id("amendment"), "@type": "@json" },
  answers: { "@id": id("answers"), "@type": "@json" },
  ballots: { "@id": id("ballots"), "@type": "@json" },
} as const;

/** The `@context` of every network document. */
export const NETWORK_DOCUMENT_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  "https://w3id.org/security/data-integrity/v1",
  networkContext,
] as const;

/**
 * The terms of an emergency sent to fellow members (`Create`/`Update` of an `Emergency`). `summary`,
 * `content`, `source`, `attributedTo` and `published` are Activity Streams' own.
 */
export const emergencyContext = {
  ch: NAMESPACE,
  Emergency: id("Emergency"),
  emergencyKind: id("emergencyKind"),
  subject: link("subject"),
  onBehalf: id("onBehalf"),
  emergencyState: id("emergencyState"),
  resolved: { "@id": id("resolved"), "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
} as const;

export const EMERGENCY_DOCUMENT_CONTEXT = ["https://www.w3.org/ns/activitystreams", emergencyContext] as const;
