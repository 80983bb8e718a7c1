// Network documents and requests as another member (or an outsider) would send them, for tests that
// must get one thing wrong on purpose: a proof over other bytes, a proof by another actor's key, a
// ballot from outside the network or after the close, a read without a member's signature.
import { signRequest } from "@fedify/fedify";
import type { Ballot, Choice } from "../../src/domain/networks/objects.ts";
import { documentOf } from "../../src/federation/networks/documents.ts";
import { signDocument } from "../../src/federation/networks/proof.ts";
import type { Node } from "./network-instances.ts";

type Doc = Record<string, unknown>;

/** An actor's document as it serves it. */
export async function actorDocument(
  node: Node,
): Promise<{ inbox: string; publicKey: { id: string }; assertionMethod: unknown }> {
  const res = await fetch(node.actor, { headers: { Accept: "application/activity+json" } });
  if (!res.ok) throw new Error(`actor of ${node.handle}: ${res.status}`);
  return (await res.json()) as never;
}

/** The Ed25519 key an actor signs its network objects with, and its id in the actor's assertionMethod. */
export async function proofKeyOf(node: Node): Promise<{ keyId: string; privateKey: CryptoKey }> {
  const pairs = await node.instance.localActors.keyPairs(node.handle);
  const ed = pairs.find((p) => p.privateKey.algorithm.name === "Ed25519");
  if (!ed) throw new Error(`${node.handle} has no Ed25519 key`);
  const doc = await actorDocument(node);
  const methods = [doc.assertionMethod].flat() as ({ id: string; publicKeyMultibase?: string } | string)[];
  const method = methods.find((m) => typeof m === "object" && m.publicKeyMultibase?.startsWith("z6Mk"));
  if (!method || typeof method !== "object") throw new Error(`${node.handle} lists no Ed25519 assertionMethod`);
  return { keyId: method.id, privateKey: ed.privateKey };
}

/** The RSA key an actor signs HTTP requests with, and its key id. */
async function httpKeyOf(node: Node): Promise<{ keyId: URL; privateKey: CryptoKey }> {
  const pairs = await node.instance.localActors.keyPairs(node.handle);
  const rsa = pairs.find((p) => p.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5");
  if (!rsa) throw new Error(`${node.handle} has no RSA key`);
  return { keyId: new URL((await actorDocument(node)).publicKey.id), privateKey: rsa.privateKey };
}

/** A request HTTP-signed by a node's actor (draft-cavage, as most of the fediverse signs). */
export async function signedBy(
  node: Node,
  url: string,
  init: { method?: string; body?: string; contentType?: string } = {},
): Promise<Response> {
  const key = await httpKeyOf(node);
  const headers: Record<string, string> = { Accept: "application/activity+json, application/json" };
  if (init.body !== undefined) headers["Content-Type"] = init.contentType ?? "application/activity+json";
  const request = new Request(url, { method: init.method ?? "GET", headers, body: init.body });
  return fetch(await signRequest(request, key.privateKey, key.keyId, { spec: "draft-cavage-http-signatures-12" }));
}

/**
 * A ballot document as a member makes it (the project's own document shape and proof), signed by
 * `key`: by default the voter's own, or another actor's to forge one.
 */
export async function ballotDocument(
  fields: { network: string; motion: string; by: string; choice: Choice; reason?: string; published: string },
  key: { keyId: string; privateKey: CryptoKey },
): Promise<Doc> {
  const ballot: Ballot = { type: "Ballot", ...fields };
  return signDocument(documentOf(ballot), { keyId: new URL(key.keyId), privateKey: key.privateKey });
}

/** Posts a document to a member's inbox inside an `Add` (target: the network), HTTP-signed by `sender`. */
export async function deliver(sender: Node, to: Node, network: string, document: Doc): Promise<Response> {
  const { inbox } = await actorDocument(to);
  const add = {
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/data-integrity/v1"],
    id: `${sender.actor}#add-${crypto.randomUUID()}`,
    type: "Add",
    actor: sender.actor,
    object: document,
    target: network,
  };
  return signedBy(sender, inbox, { method: "POST", body: JSON.stringify(add) });
}

/** Reads a network document through a member's signed GET (`/networks/{key}/objects/{hex}`). */
export async function fetchDocument(reader: Node, from: Node, key: string, hex: string): Promise<Doc> {
  const res = await signedBy(reader, `${from.origin}/networks/${key}/objects/${hex}`);
  if (res.status !== 200) throw new Error(`${reader.handle} reading ${hex} on ${from.handle}: ${res.status}`);
  return (await res.json()) as Doc;
}
