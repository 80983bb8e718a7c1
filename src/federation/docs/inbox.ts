// Proposed changes arriving at an inbox, once the inbox's trust checks have passed (size, depth, known
// contexts, the HTTP signature of the activity's actor): an `Offer` of a change to one of this
// instance's documents, and the `Accept` or `Reject` of an Offer this instance made. They are read as
// the JSON they are, as network activities are (Fedify's vocabulary would drop `baseRevision`);
// anything else is not ours and goes on to Fedify.
import { z } from "zod";
import { MAX_BODY_BYTES } from "../../domain/docs/document.ts";
import { receiveOffer, receiveOutcome } from "../../domain/docs/incoming.ts";
import { MAX_MESSAGE } from "../../domain/docs/proposals.ts";
import type { Failure } from "../../domain/validation.ts";
import { translator } from "../../i18n/i18n.ts";
import { failureText } from "../../i18n/failures.ts";
import type { InboxAnswer } from "../networks/inbox-answer.ts";
import { refusedWith } from "../networks/inbox-answer.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { readerOf } from "./fellowship.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const url = z.url({ protocol: /^https?$/ }).max(2048);
const instant = z.iso.datetime({ offset: true });

const offerSchema = z.object({
  actor: url,
  target: url,
  object: z.object({
    type: z.literal("Article"),
    id: url,
    attributedTo: url,
    summary: z.string().max(MAX_MESSAGE * 2),
    source: z.object({ content: z.string().max(MAX_BODY_BYTES * 2), mediaType: z.literal("text/markdown") }),
    baseRevision: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    published: instant,
  }),
});

const answerSchema = z.object({
  type: z.enum(["Accept", "Reject"]),
  actor: url,
  object: z.object({ type: z.literal("Offer"), object: url }),
  revision: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
  content: z
    .string()
    .max(MAX_MESSAGE * 2)
    .optional(),
  published: instant.optional(),
});

/** The answer to a proposal activity, or undefined when the activity is not one. */
export async function handleDocsActivity(rt: NetworksRuntime, json: Json): Promise<InboxAnswer | undefined> {
  const { db } = rt.services.database;
  if (json.type === "Offer" && isObject(json.object) && json.object.type === "Article") {
    const offer = offerSchema.safeParse(json);
    if (!offer.success) return refusedWith(422, "The Offer is not a proposed change this instance reads.");
    const { actor, target, object } = offer.data;
    if (object.attributedTo !== actor) return refusedWith(403, "An Offer is made by the proposer only.");
    const received = await receiveOffer(
      db,
      {
        id: object.id,
        proposer: actor,
        document: target,
        base: object.baseRevision,
        body: object.source.content,
        message: object.summary,
        at: object.published,
      },
      (doc) => readerOf(rt, doc, actor),
    );
    return received.ok ? { status: 202 } : refused(received.error);
  }
  if ((json.type === "Accept" || json.type === "Reject") && isObject(json.object) && json.object.type === "Offer") {
    const answer = answerSchema.safeParse(json);
    if (!answer.success) return refusedWith(422, "The answer does not name the Offer it answers.");
    const { actor, object, revision, content, published } = answer.data;
    const received = await receiveOutcome(db, {
      proposal: object.object,
      by: actor,
      accepted: answer.data.type === "Accept",
      at: published ?? new Date().toISOString(),
      ...(revision ? { revision } : {}),
      ...(content ? { reason: content } : {}),
    });
    // Not one of ours: Fedify sees it (an answer to something else).
    if (!received.ok && received.error.reason === "docs.proposal_not_found") return undefined;
    return received.ok ? { status: 202 } : refused(received.error);
  }
  return undefined;
}

function refused(failure: Failure): InboxAnswer {
  const status = failure.code === "forbidden" ? 403 : failure.code === "not_found" ? 404 : 422;
  return refusedWith(status, failureText(translator("en"), failure));
}
