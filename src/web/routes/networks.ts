// The public network pages every member serves: /networks (the networks this instance is a member of),
// /networks/{key} (a network's name, purpose, charter and members) and /networks/{key}/members. HTML for
// browsers, JSON-LD for `Accept: application/activity+json`. A network this instance is not a member of,
// or no longer is, answers 404 like any unknown key.
import { type Context, Hono } from "hono";
import { networkWatchSection } from "../views/watch-section.ts";
import { knownProviders } from "../../domain/directory/names.ts";
import type { MemberView, NetworkView } from "../../domain/networks/operations.ts";
import { KEY_PATTERN } from "../../domain/networks/standing.ts";
import {
  publicMembersDocument,
  publicNetworkDocument,
  publicNetworkListDocument,
} from "../../federation/mappers/public-network.ts";
import type { WebDeps } from "../deps.ts";
import { wantsActivityJson } from "../fast-paths.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { layout } from "../views/layout.ts";
import { publicNetworkList, publicNetworkPage } from "../views/networks.ts";

type Env = { Variables: LocaleVariables };

/** Statuses in which this instance holds the network's record and shows it: it is (still) a member. */
const serving = new Set<NetworkView["status"]>(["member", "suspended"]);

/** What the public sees of the members: those still in the network; a paused member is a member. */
const publicMembers = (n: NetworkView): MemberView[] =>
  n.members
    .filter((m) => m.state === "member" || m.state === "paused" || m.state === "suspended")
    .map((m) => (m.state === "paused" ? { ...m, state: "member" } : m));

const activityJson = (c: Context, body: unknown) =>
  c.body(JSON.stringify(body), 200, {
    "Content-Type": "application/activity+json",
    Vary: "Accept",
    "Cache-Control": "public, max-age=60",
  });

export function networkPublicRoutes(deps: WebDeps) {
  const { services, networks } = deps;
  const app = new Hono<Env>();
  const { origin } = services.config;
  const db = services.database.db;

  const publicNetwork = async (key: string) => {
    if (!KEY_PATTERN.test(key)) return undefined;
    const network = await networks.get(key);
    if (!network || network.key !== key || !serving.has(network.status)) return undefined;
    return { ...network, members: publicMembers(network) };
  };

  /** The founder, from the first decision of the record (the founding). */
  const founderOf = async (key: string) => {
    const record = await networks.decisions(key);
    const first = record.ok ? record.value.decisions[0] : undefined;
    return first?.kind === "founded" ? first.founder : undefined;
  };

  app.get("/networks", async (c) => {
    const list = (await networks.list()).filter((n) => serving.has(n.status));
    if (wantsActivityJson(c.req.header("accept"))) return activityJson(c, publicNetworkListDocument(list, origin));
    const t = c.get("t");
    c.header("Vary", "Accept");
    return c.html(
      layout({
        locale: c.get("locale"),
        t,
        path: c.req.path,
        title: t("networks.public.title"),
        alternate: new URL("/networks", origin).href,
        body: publicNetworkList({ t, locale: c.get("locale"), networks: list }),
      }),
    );
  });

  app.get("/networks/:key", async (c) => {
    const network = await publicNetwork(c.req.param("key"));
    if (!network) return c.notFound();
    const founder = await founderOf(network.key);
    if (wantsActivityJson(c.req.header("accept")))
      return activityJson(c, publicNetworkDocument(network, origin, founder));
    const t = c.get("t");
    const known = await knownProviders(db, [...network.members.map((m) => m.actor), ...(founder ? [founder] : [])]);
    c.header("Vary", "Accept");
    return c.html(
      layout({
        locale: c.get("locale"),
        t,
        path: c.req.path,
        title: network.name,
        alternate: new URL(`/networks/${network.key}`, origin).href,
        body: publicNetworkPage({
          t,
          locale: c.get("locale"),
          network,
          founder,
          known,
          watch: await networkWatchSection(deps, network.key, t, c.get("locale"), known),
        }),
      }),
    );
  });

  // The members as a collection, for browsers too (it is the same list as on the network's page).
  app.get("/networks/:key/members", async (c) => {
    const network = await publicNetwork(c.req.param("key"));
    if (!network) return c.notFound();
    return activityJson(c, publicMembersDocument(network, origin));
  });

  return app;
}
