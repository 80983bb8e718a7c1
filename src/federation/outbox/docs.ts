// Shared documents: what a change to a document or a proposal sends.
import type { DocsEvent } from "../../domain/docs/events.ts";
import type { Senders } from "./outgoing.ts";

export const docsSenders: Senders<DocsEvent["commonhost"]> = {
  async "docs.document.published"(out, event) {
    out.services.logger.debug({ id: event.id }, "document published");
  },
  async "docs.proposal.offered"(out, event) {
    out.services.logger.debug({ key: event.key }, "proposal offered");
  },
  async "docs.proposal.decided"(out, event) {
    out.services.logger.debug({ key: event.key }, "proposal decided");
  },
};
