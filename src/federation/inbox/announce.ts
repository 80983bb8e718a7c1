import type { InboxContext } from "@fedify/fedify";
import type { Announce } from "@fedify/vocab";
import type { Runtime } from "../../runtime.ts";
import { receiveGroupRelay } from "../docs/group-relay.ts";
import { recordReaction } from "./like.ts";

/** A group's members-only relay (a group document), or a boost of one of our announcements. */
export async function onAnnounce(ctx: InboxContext<Runtime>, announce: Announce): Promise<void> {
  if (await receiveGroupRelay(ctx, announce)) return;
  await recordReaction(ctx, announce, "boost");
}
