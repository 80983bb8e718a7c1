// What the networks area asks the outbox to do. Objects travel as signed documents posted to each
// member's inbox; what a delivery misses, anti-entropy repairs (ADR 0016).
import type { MemberStatus } from "./record-model.ts";

export type NetworkEvent =
  /** A signed object this instance holds, to deliver to one recipient (one event per recipient, retried alone). */
  | {
      readonly commonhost: "network.object.deliver";
      readonly network: string;
      readonly id: string;
      readonly to: string;
    }
  /** This instance's application to a network, to send (again) to the member it goes through. */
  | { readonly commonhost: "network.application.send"; readonly network: string }
  /** The network decided an application this instance put to it: the applicant hears it (Accept or Reject of its Join). */
  | {
      readonly commonhost: "network.application.answered";
      readonly network: string;
      readonly applicant: string;
      readonly accepted: boolean;
    }
  /** The record changed an actor's membership (this provider's own or a peer's). */
  | {
      readonly commonhost: "network.membership.changed";
      readonly network: string;
      readonly member: string;
      readonly from: MemberStatus | "none";
      readonly to: MemberStatus;
    }
  /** A resolution passed: followers of this provider see it as a public note. */
  | { readonly commonhost: "network.resolution.passed"; readonly network: string; readonly motion: string };
