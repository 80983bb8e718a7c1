// The shapes of /api/v1/networks: what operators send to found, join, open motions and vote, and what
// the API answers. Registered in the OpenAPI document with the other schemas (schemas.ts).
import { z } from "zod";
import { MOTION_KINDS, ON_BEHALF } from "../../domain/networks/charter.ts";
import { durationMs } from "../../domain/networks/duration.ts";
import { CHOICES } from "../../domain/networks/objects.ts";
import { KEY_PATTERN } from "../../domain/networks/standing.ts";
import { requestSchemas, responseSchemas } from "./schemas.ts";

const timestamp = z.iso.datetime({ offset: true });
const fraction = z.number({ message: "number" }).min(0).max(1);

// --- requests ---
const window = z
  .string()
  .refine((w) => durationMs(w) !== undefined, { params: { code: "duration" } })
  .describe(
    "An ISO 8601 duration in weeks, days, hours, minutes or seconds (`P14D`, `PT1H30M`); at least this instance's `NETWORK_MIN_WINDOW`.",
  );

export const ruleInputSchema = z
  .object({
    window: window.optional(),
    quorum: fraction.optional().describe("Fraction of the electorate that must cast a ballot, abstentions included."),
    threshold: z
      .number({ message: "number" })
      .min(0)
      .lt(1)
      .optional()
      .describe("yes ÷ (yes + no + block) must be more than this."),
    block: z.boolean().optional().describe("Whether one block stops the motion."),
  })
  .strict();

const rulesInput = z
  .object({
    admission: ruleInputSchema.optional(),
    suspension: ruleInputSchema.optional(),
    reinstatement: ruleInputSchema.optional(),
    expulsion: ruleInputSchema.optional(),
    amendment: ruleInputSchema.optional(),
    resolution: ruleInputSchema.optional(),
  })
  .strict()
  .describe("One rule per kind of motion; a kind left out gets P14D, quorum 0.5, threshold 0.5, block true.");

export const charterInputSchema = z.object({
  purpose: z.string().max(20_000).optional().describe("Markdown. In a founding, the top-level `purpose` is used."),
  questions: z
    .array(z.string().trim().min(1).max(2000))
    .max(50)
    .optional()
    .describe("What an applicant answers, in order."),
  rules: rulesInput.optional(),
  pauseAfterMissed: z
    .number({ message: "number" })
    .int({ message: "number" })
    .min(0)
    .max(1000)
    .optional()
    .describe("Missed motions in a row after which a member is paused (0: never; default 3)."),
  watch: z
    .object({
      k: z.number().int().min(2).max(100).optional().describe("Watchers that must agree a member is down (default 2)."),
      interval: z.string().optional().describe("ISO 8601 duration between health checks (default: each instance's)."),
    })
    .optional()
    .describe("How members watch each other's health."),
  onBehalf: z
    .enum(ON_BEHALF)
    .optional()
    .describe(
      "Who may declare an emergency on behalf of a member: `partners` (default), a provider with an active agreement with it; `members`, any current member.",
    ),
});
requestSchemas.add(charterInputSchema, { id: "CharterInput", description: "A charter as an operator writes it." });

export const networkFoundSchema = z.object({
  name: z.string().trim().min(1).max(200),
  purpose: z.string().max(20_000).default("").describe("Markdown, shown on the network's public page."),
  charter: charterInputSchema.default({}),
});
requestSchemas.add(networkFoundSchema, { id: "NetworkFound" });

export const networkJoinSchema = z.object({
  via: z.string().trim().min(1).max(2048).describe("A member: `@handle@host` or its actor URL."),
  network: z
    .string()
    .trim()
    .max(2048)
    .optional()
    .describe("The network's key or id; optional when that member is in one network only."),
  answers: z
    .record(z.string().max(2000), z.string().max(20_000))
    .default({})
    .describe("Answers to the charter's questions, by question."),
});
requestSchemas.add(networkJoinSchema, { id: "NetworkJoin" });

export const motionOpenSchema = z.object({
  kind: z.enum(MOTION_KINDS),
  subject: z
    .url({ message: "url" })
    .max(2048)
    .optional()
    .describe("The member concerned (an actor URI): required by suspension, reinstatement and expulsion."),
  text: z.string().trim().min(1).max(50_000).describe("What is proposed (markdown)."),
  charter: charterInputSchema.optional().describe("An amendment's whole next charter."),
  until: timestamp.optional().describe("A suspension's end; without it, until a reinstatement passes."),
});
requestSchemas.add(motionOpenSchema, { id: "MotionOpen" });

export const ballotCastSchema = z
  .object({
    choice: z.enum(CHOICES),
    reason: z.string().trim().max(5000).optional().describe("Required with `block`; every member sees it."),
  })
  .refine((b) => b.choice !== "block" || (b.reason ?? "").length > 0, {
    path: ["reason"],
    params: { code: "blockReason" },
  });
requestSchemas.add(ballotCastSchema, { id: "BallotCast" });

export const networkParams = z.object({
  key: z.string().regex(KEY_PATTERN).describe("The network's `key`, as `GET /api/v1/networks` lists it."),
});
export const motionParams = networkParams.extend({
  motionKey: z.string().regex(KEY_PATTERN).describe("The motion's `key`, as the motions list gives it."),
});

// --- responses ---
const ruleSchema = z.object({
  window: z.string(),
  quorum: z.number(),
  threshold: z.number(),
  block: z.boolean(),
});
export const charterSchema = z.object({
  version: z.number().int(),
  digest: z.string().describe("`sha256:<hex>` of the charter's canonical JSON; motions cite the version."),
  purpose: z.string(),
  questions: z.array(z.string()),
  rules: z.object(Object.fromEntries(MOTION_KINDS.map((k) => [k, ruleSchema])) as Record<string, typeof ruleSchema>),
  pauseAfterMissed: z.number().int(),
  watch: z.object({ k: z.number().int(), interval: z.string().nullable() }),
  onBehalf: z.enum(ON_BEHALF),
});
responseSchemas.add(charterSchema, { id: "Charter" });

const memberSchema = z.object({
  actor: z.string().describe("The member's actor URI."),
  state: z.enum(["member", "paused", "suspended", "expelled", "left"]),
  since: timestamp,
  until: timestamp.optional().describe("A suspension's end."),
});

export const networkSchema = z.object({
  key: z.string().describe("Used in every URL of this network."),
  id: z.string().describe("The network's id (a URI)."),
  name: z.string(),
  status: z.enum(["member", "applicant", "rejected", "suspended", "expelled", "left"]),
  via: z.string().optional().describe("While applying: the member the application went through."),
  members: z.array(memberSchema),
  charter: charterSchema,
  head: z.string().nullable().describe("The digest of the last decision."),
  openMotions: z.number().int(),
  fork: z
    .object({ seq: z.number().int(), ours: z.string(), theirs: z.string() })
    .nullable()
    .describe("Set when the record now differs from what this instance showed before, from decision `seq` on."),
});
export const networkListSchema = z.object({ items: z.array(networkSchema) });
responseSchemas.add(networkSchema, { id: "Network" });
responseSchemas.add(networkListSchema, { id: "NetworkList" });

const tallySchema = z.object({
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  block: z.number().int(),
  electorate: z.number().int().describe("Members who vote on it (frozen when it opened)."),
  quorum: z.number().int().describe("Ballots needed for the quorum."),
});
const ballotSchema = z.object({
  by: z.string(),
  choice: z.enum(CHOICES),
  reason: z.string().optional(),
  published: timestamp,
});
export const motionSchema = z.object({
  key: z.string(),
  id: z.string(),
  kind: z.enum(MOTION_KINDS),
  subject: z.string().nullable(),
  text: z.string(),
  by: z.string().describe("The member that opened it."),
  charter: z.number().int().describe("The charter version it cites."),
  state: z.enum(["open", "passed", "failed", "void"]),
  voidReason: z.string().optional(),
  opensAt: timestamp,
  closesAt: timestamp,
  tally: tallySchema,
  ballots: z.array(ballotSchema).describe("The ballots that count, one per member: the audit trail."),
  mine: ballotSchema.optional().describe("This instance's own ballot."),
  canVote: z.boolean(),
  answers: z.record(z.string(), z.string()).optional().describe("An application's answers."),
  until: timestamp.optional(),
});
export const motionListSchema = z.object({ items: z.array(motionSchema) });
responseSchemas.add(motionSchema, { id: "Motion" });
responseSchemas.add(motionListSchema, { id: "MotionList" });

const decisionBase = {
  network: z.string(),
  seq: z.number().int(),
  previous: z.string().nullable().describe("The digest of the decision before (null for the founding)."),
  at: timestamp,
  digest: z.string(),
};
const countedBallot = z.object({
  by: z.string(),
  choice: z.enum(CHOICES),
  ballot: z.string().describe("The ballot's digest."),
  reason: z.string().optional(),
});
export const decisionSchema = z.discriminatedUnion("kind", [
  z.object({ ...decisionBase, kind: z.literal("founded"), name: z.string(), founder: z.string(), charter: z.string() }),
  z.object({
    ...decisionBase,
    kind: z.literal("motion"),
    motion: z.string().describe("The motion's digest."),
    motionKind: z.enum(MOTION_KINDS),
    subject: z.string().optional(),
    charter: z.number().int(),
    outcome: z.enum(["passed", "failed"]),
    tally: tallySchema.extend({ counted: z.number().int() }),
    ballots: z.array(countedBallot),
  }),
  z.object({ ...decisionBase, kind: z.literal("left"), member: z.string(), leave: z.string() }),
  z.object({ ...decisionBase, kind: z.literal("suspension-ended"), member: z.string() }),
]);
export const decisionRecordSchema = z.object({
  head: z.string().nullable().describe("The digest of the last decision: two members with the same head agree."),
  decisions: z.array(decisionSchema),
});
responseSchemas.add(decisionSchema, { id: "Decision" });
responseSchemas.add(decisionRecordSchema, { id: "DecisionRecord" });
