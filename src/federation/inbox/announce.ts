import type { InboxContext } from "@fedify/fedify";
import type { Announce } from "@fedify/vocab";
import type { Services } from "../../services.ts";
import { recordReaction } from "./like.ts";

export const onAnnounce = (ctx: InboxContext<Services>, announce: Announce) => recordReaction(ctx, announce, "boost");
