// The networks pages of the panel, driven like a browser without JavaScript: every change is a POST
// answered by a redirect to the page that shows its outcome.
import { afterEach, describe, expect, it } from "vitest";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PASSWORD, setUpThroughPanel, signIn, type PanelClient } from "../helpers/panel-client.ts";

const KINDS = ["admission", "suspension", "reinstatement", "expulsion", "amendment", "resolution"];

/** The found form as a browser posts it: every rule's four fields, the defaults but for resolutions. */
function foundFields(overrides: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {
    name: "Hosting commons",
    purpose: "We host **movements** together.",
    "charter.questions": "Who are you?\nWhat do you host?",
    "charter.pauseAfterMissed": "3",
  };
  for (const kind of KINDS) {
    fields[`charter.rules.${kind}.window`] = kind === "resolution" ? "PT1H" : "P14D";
    fields[`charter.rules.${kind}.quorum`] = "50";
    fields[`charter.rules.${kind}.threshold`] = "50";
    fields[`charter.rules.${kind}.block`] = "1";
  }
  return { ...fields, ...overrides };
}

/** The part of a page inside the element with this id (a section, the attention list…). */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  return start === -1 ? "" : html.slice(start, html.indexOf("</section>", start));
};

describe("the panel's networks pages", () => {
  let instance: TestInstance | undefined;
  let other: TestInstance | undefined;
  afterEach(async () => {
    await stopAll(instance, other);
    other = undefined;
  });

  async function found(admin: PanelClient): Promise<string> {
    const res = await admin.post("/admin/networks/found", foundFields());
    expect(res.status, res.html.slice(0, 2000)).toBe(303);
    const [, key] = /^\/admin\/networks\/([0-9a-f]{20})\?done=founded$/.exec(res.location ?? "") ?? [];
    expect(key, res.location ?? "").toBeDefined();
    return key!;
  }

  it("founds a network, opens a motion and votes on it, each landing on its result", { timeout: 120_000 }, async () => {
    instance = await startInstance({ handle: null, env: { NETWORK_MIN_WINDOW: "PT1S" } });
    const admin = await setUpThroughPanel(instance);

    const empty = await admin.get("/admin/networks");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('href="/admin/networks" aria-current="page"');
    expect(empty.html).toContain('<label for="f-charter-rules-admission-window">');

    const key = await found(admin);
    const page = await admin.get(`/admin/networks/${key}?done=founded`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("The network is founded. This provider is its first member.");
    expect(page.html).toContain("<strong>movements</strong>");
    // The rules in words: a resolution is open for an hour, with the defaults for the rest.
    expect(page.html).toContain(
      "Open for 1 hour. It passes when at least 50% of the members vote (abstentions count) and yes makes up more than 50% of the yes, no and block ballots. One block stops it.",
    );
    expect(section(page.html, "members-title")).toContain(`${instance.origin}/`);
    // The health watch: no other member yet, so this provider's own status is unknown (nobody judges itself).
    expect(section(page.html, "watch-title")).toContain("Members probe each other every 5 minutes");
    expect(section(page.html, "watch-title")).toContain('<span class="state state-unknown">unknown</span>');
    expect(section(page.html, "record-title")).toContain("founded by");

    const opened = await admin.post(`/admin/networks/${key}/motions`, {
      kind: "resolution",
      subject: "",
      text: "Share one **status page**.",
      until: "",
    });
    expect(opened.status, opened.html.slice(0, 2000)).toBe(303);
    const [, motion] =
      new RegExp(`^/admin/networks/${key}/motions/([0-9a-f]{20})\\?done=motionOpened$`).exec(opened.location ?? "") ??
      [];
    expect(motion, opened.location ?? "").toBeDefined();

    // The overview says a ballot is waiting, and links to the network.
    const waiting = await admin.get("/admin");
    expect(waiting.html).toContain(
      `<li data-attention="network-motions"><a href="/admin/networks/${key}">1 open motion in Hosting commons waits for this provider&#39;s ballot</a></li>`,
    );

    const motionPage = await admin.get(`/admin/networks/${key}/motions/${motion}`);
    expect(motionPage.status).toBe(200);
    expect(motionPage.html).toContain("<strong>status page</strong>");
    expect(motionPage.html).toContain("This provider has not voted yet.");
    expect(motionPage.html).toContain('<ul class="checks" id="f-choice">');

    // A block needs a reason: the page says so next to the field and in the summary.
    const blocked = await admin.post(`/admin/networks/${key}/motions/${motion}/ballot`, {
      back: "motion",
      choice: "block",
      reason: "",
    });
    expect(blocked.status).toBe(422);
    expect(blocked.html).toContain('<div class="error-summary" role="alert" tabindex="-1" id="result">');
    expect(blocked.html).toContain(
      '<a href="#f-reason">Reason: A block needs a reason, which every member will see.</a>',
    );
    expect(blocked.html).toContain('id="f-choice-block" name="choice" value="block" checked');

    const voted = await admin.post(`/admin/networks/${key}/motions/${motion}/ballot`, {
      back: "motion",
      choice: "yes",
      reason: "",
    });
    expect(voted.status).toBe(303);
    expect(voted.location).toBe(`/admin/networks/${key}/motions/${motion}?done=voted#tally`);
    const after = await admin.get(`/admin/networks/${key}/motions/${motion}?done=voted`);
    expect(after.html).toContain("The ballot is cast and sent to every member.");
    expect(after.html).toContain("This provider voted: Yes.");
    expect(after.html).toContain("1 of 1 members voted; the quorum is 1.");
    expect(after.html).toContain("As it stands, it would pass.");
    expect(section(after.html, "ballots-title")).toContain('<td data-label="Ballot">Yes</td>');
    expect((await admin.get("/admin")).html).not.toContain('data-attention="network-motions"');

    // From the network's page, the form comes back to the network.
    const again = await admin.post(`/admin/networks/${key}/motions/${motion}/ballot`, {
      back: "network",
      choice: "abstain",
      reason: "",
    });
    expect(again.location).toBe(`/admin/networks/${key}?done=voted#motion-${motion}`);
  });

  it("names the bad fields of a founding, asks before an expulsion and before leaving", {
    timeout: 120_000,
  }, async () => {
    instance = await startInstance({ handle: null, env: { NETWORK_MIN_WINDOW: "PT1S" } });
    const admin = await setUpThroughPanel(instance);

    const bad = await admin.post(
      "/admin/networks/found",
      foundFields({
        name: "",
        "charter.rules.admission.window": "two weeks",
        "charter.rules.expulsion.quorum": "lots",
      }),
    );
    expect(bad.status).toBe(422);
    const summary = bad.html.slice(
      bad.html.indexOf('class="error-summary"'),
      bad.html.indexOf("</div>", bad.html.indexOf('class="error-summary"')),
    );
    // In form order, each naming its field and linking to it.
    const links = [...summary.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(["f-name", "f-charter-rules-admission-window", "f-charter-rules-expulsion-quorum"]);
    expect(summary).toContain("Admission: Window: An ISO 8601 duration");
    expect(bad.html).toContain('value="two weeks"');
    expect(bad.html).toContain('<details class="section" open>');
    expect((await admin.get("/admin/networks")).html).toContain("This provider is in no network yet");

    const key = await found(admin);
    const someone = "https://elsewhere.example/actors/someone";
    const ask = await admin.post(`/admin/networks/${key}/motions`, {
      kind: "expulsion",
      subject: someone,
      text: "They left us no choice.",
      until: "",
    });
    expect(ask.status).toBe(200);
    expect(ask.html).toContain("the expulsion is final");
    expect(ask.html).toContain(`name="subject" value="${someone}"`);
    expect(ask.html).toContain('name="_action" value="confirm"');
    // Confirmed: the motion is checked against the record, which has no such member.
    const refused = await admin.post(`/admin/networks/${key}/motions`, {
      kind: "expulsion",
      subject: someone,
      text: "They left us no choice.",
      _action: "confirm",
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('<a href="#f-subject">');

    const leave = await admin.get(`/admin/networks/${key}/leave`);
    expect(leave.status).toBe(200);
    expect(leave.html).toContain("Leave Hosting commons?");
    expect(leave.html).toContain(`action="/admin/networks/${key}/leave"`);
    const left = await admin.post(`/admin/networks/${key}/leave`, { _action: "confirm" });
    expect(left.status).toBe(303);
    expect(left.location).toBe("/admin/networks?done=left");
    expect((await admin.get("/admin/networks?done=left")).html).toContain(
      "The departure is signed and sent to every member; it enters the decision record after the settlement delay",
    );

    expect((await admin.get("/admin/networks/0123456789abcdef0123")).status).toBe(404);
    expect((await admin.get(`/admin/networks/${key}/motions/0123456789abcdef0123`)).status).toBe(404);
  });

  it("is for administrators: an editor sees neither the pages nor the link", { timeout: 120_000 }, async () => {
    instance = await startInstance({ handle: null });
    await setUpThroughPanel(instance);
    const editor = await createOperator(instance.services.database.db, {
      username: "eddie",
      password: PASSWORD,
      role: "editor",
    });
    if (!editor.ok) throw new Error("editor not created");
    const { client } = await signIn(instance.origin, "eddie");
    expect((await client.get("/admin/networks")).status).toBe(403);
    expect((await client.post("/admin/networks/found", foundFields())).status).toBe(403);
    expect((await client.get("/admin")).html).not.toContain('href="/admin/networks"');
  });

  it("applies through a member in two steps, and the member's vote admits the applicant", {
    timeout: 180_000,
  }, async () => {
    const env = { NETWORK_MIN_WINDOW: "PT1S", NETWORK_SETTLE: "PT1S", NETWORK_SYNC_INTERVAL: "PT1S" };
    instance = await startInstance({ handle: null, env });
    other = await startInstance({ handle: null, env });
    const alpha = await setUpThroughPanel(instance, { handle: "alpha" });
    const beta = await setUpThroughPanel(other, { handle: "beta" });
    const founded = await alpha.post(
      "/admin/networks/found",
      foundFields({ "charter.rules.admission.window": "PT20S" }),
    );
    const key = /\/admin\/networks\/([0-9a-f]{20})/.exec(founded.location ?? "")?.[1];
    expect(key, founded.location ?? "").toBeDefined();
    const via = `${instance.origin}/actors/alpha`;

    // Step one names the member; the page then shows the network and a field per question.
    const step = await beta.post("/admin/networks/join", { via, network: "", _action: "continue" });
    expect(step.status, step.html.slice(0, 1500)).toBe(200);
    expect(step.html).toContain(`Applying to Hosting commons through ${via}.`);
    expect(step.html).toContain('<label for="f-answer-0">Who are you?</label>');
    expect(step.html).toContain('<label for="f-answer-1">What do you host?</label>');
    expect(step.html).toContain(`name="network" value="${key}"`);

    const unanswered = await beta.post("/admin/networks/join", {
      via,
      network: key!,
      "answer-0": "A workers’ co-op.",
      "answer-1": " ",
      _action: "apply",
    });
    expect(unanswered.status).toBe(422);
    expect(unanswered.html).toContain('<a href="#f-answer-1">What do you host?: This field is required.</a>');

    const applied = await beta.post("/admin/networks/join", {
      via,
      network: key!,
      "answer-0": "A workers’ co-op.",
      "answer-1": "Mail and calendars.",
      _action: "apply",
    });
    expect(applied.status, applied.html.slice(0, 1500)).toBe(303);
    expect(applied.location).toBe("/admin/networks?done=applied");
    expect((await beta.get("/admin/networks")).html).toContain("Hosting commons</strong></a> · applying");

    // The founder sees the admission with the answers, and votes yes from the network's page (the window
    // leaves time for the applicant to receive the motion too: the applicant witnesses its close).
    const admission = await eventually(
      async () => {
        const page = await alpha.get(`/admin/networks/${key}`);
        const motion = /href="\/admin\/networks\/[0-9a-f]{20}\/motions\/([0-9a-f]{20})"/.exec(
          section(page.html, "open-title"),
        )?.[1];
        return motion;
      },
      60_000,
      "the admission motion to reach the founder",
    );
    const motionPage = await alpha.get(`/admin/networks/${key}/motions/${admission}`);
    expect(motionPage.html).toContain("<dt>Who are you?</dt><dd>A workers’ co-op.</dd>");
    const voted = await alpha.post(`/admin/networks/${key}/motions/${admission}/ballot`, {
      back: "network",
      choice: "yes",
      reason: "",
    });
    expect(voted.status).toBe(303);

    // Every member computes the admission; the applicant's own panel then lists it as a member.
    await eventually(
      async () => (await beta.get("/admin/networks")).html.includes("Hosting commons</strong></a> · member"),
      90_000,
      "the applicant to be admitted",
    );
    // On the founder too (each member decides in its own time); a member shows by its name once the
    // directory knows it, else by its address.
    const betaActor = `${other.origin}/actors/beta`;
    await eventually(
      async () => {
        const members = section((await alpha.get(`/admin/networks/${key}`)).html, "members-title");
        return members.includes(`href="${betaActor}"`) || members.includes(`actor=${encodeURIComponent(betaActor)}`);
      },
      60_000,
      "the founder to list the new member",
    );
  });
});
