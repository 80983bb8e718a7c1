import type { InboxContext } from "@fedify/fedify";
import type { Announce } from "@fedify/vocab";
import type { Runtime } from "../../runtime.ts";
import { recordReaction } from "./like.ts";

export const onAnnounce = (ctx: InboxContext<Runtime>, announce: Announce) => recordReaction(ctx, announce, "boost");
