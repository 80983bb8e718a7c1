// Every page people see, in one list: the layout test visits each at 320 px in every language and
// checks that nothing scrolls sideways and that axe finds no violation. A new page is checked by
// adding one line here. `:name` parts are filled from what the test seeds (see `Seeded`).
export type Seeded = {
  /** The provider's handle. */
  handle: string;
  /** An announcement's id. */
  announcement: string;
  /** An editor the admin could remove. */
  editor: string;
  /** An API token's id. */
  token: string;
  /** An open invitation's id, and its secret code. */
  invite: string;
  inviteCode: string;
  /** The local provider's actor URI, URL-encoded. */
  actor: string;
  /** A network this instance founded, and a motion open in it. */
  network: string;
  motion: string;
  /** A public shared document, with an outdated English translation. */
  doc: string;
  /** A working group hosted here, in the network, with a task. */
  group: string;
};

export type PageEntry = {
  path: string;
  /** Who looks at it: anyone, or the signed-in admin. */
  as: "visitor" | "admin";
  /** The status the page answers with, when not 200. */
  status?: number;
};

export const pages: readonly PageEntry[] = [
  // Public pages.
  { as: "visitor", path: "/" },
  { as: "visitor", path: "/actors/:handle" },
  { as: "visitor", path: "/announcements/:announcement" },
  { as: "visitor", path: "/tags/ops" },
  { as: "visitor", path: "/directory" },
  { as: "visitor", path: "/directory?q=hosting&kind=email&kind=nextcloud" },
  { as: "visitor", path: "/directory/find" },
  { as: "visitor", path: "/directory/find?need=email&need=nextcloud&people=40&language=fr&must=cooperative" },
  { as: "visitor", path: "/directory/contact?provider=:actor" },
  { as: "visitor", path: "/directory?kind=bogus&minStorageGb=-1", status: 400 },
  { as: "visitor", path: "/networks" },
  { as: "visitor", path: "/networks/:network" },
  { as: "visitor", path: "/networks/0123456789abcdef0123", status: 404 },
  { as: "visitor", path: "/docs/:doc" },
  { as: "visitor", path: "/docs/:doc?lang=en" },
  { as: "visitor", path: "/docs/no-such-document", status: 404 },
  { as: "visitor", path: "/admin/login" },
  { as: "visitor", path: "/admin/invite?code=:inviteCode" },
  { as: "visitor", path: "/no-such-page", status: 404 },
  // The panel.
  { as: "admin", path: "/admin" },
  { as: "admin", path: "/admin/profile" },
  { as: "admin", path: "/admin/announcements" },
  { as: "admin", path: "/admin/announcements/:announcement/edit" },
  { as: "admin", path: "/admin/announcements/:announcement/delete" },
  { as: "admin", path: "/admin/audience" },
  { as: "admin", path: "/admin/network" },
  { as: "admin", path: "/admin/networks" },
  { as: "admin", path: "/admin/networks/:network" },
  { as: "admin", path: "/admin/networks/:network/motions/:motion" },
  { as: "admin", path: "/admin/networks/:network/leave" },
  { as: "admin", path: "/admin/feed" },
  { as: "admin", path: "/admin/docs" },
  { as: "admin", path: "/admin/docs/new" },
  { as: "admin", path: "/admin/docs/:doc" },
  { as: "admin", path: "/admin/docs/:doc/edit" },
  { as: "admin", path: "/admin/docs/:doc/diff?from=1&to=2" },
  { as: "admin", path: "/admin/docs/:doc/translate?lang=en" },
  { as: "admin", path: "/admin/docs/proposals" },
  { as: "admin", path: "/admin/docs/proposals/new?doc=:doc" },
  { as: "admin", path: "/admin/groups" },
  { as: "admin", path: "/admin/groups/:group" },
  { as: "admin", path: "/admin/aid" },
  { as: "admin", path: "/admin/aid/agreements" },
  { as: "admin", path: "/admin/aid/balance" },
  { as: "admin", path: "/admin/emergencies" },
  { as: "admin", path: "/admin/shutdown" },
  { as: "admin", path: "/admin/operators" },
  { as: "admin", path: "/admin/operators/:editor/remove" },
  { as: "admin", path: "/admin/operators/invites/:invite/revoke" },
  { as: "admin", path: "/admin/tokens" },
  { as: "admin", path: "/admin/tokens/:token/revoke" },
  { as: "admin", path: "/admin/account" },
];

export const pathOf = (entry: PageEntry, seeded: Seeded) =>
  entry.path.replace(/:(\w+)/g, (m, name: string) => (name in seeded ? seeded[name as keyof Seeded] : m));
