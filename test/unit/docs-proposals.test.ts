import { describe, expect, it } from "vitest";
import type { DocumentContent } from "../../src/domain/docs/document.ts";
import {
  acceptProposal,
  type Proposal,
  propose,
  proposalStatus,
  rejectProposal,
  withdrawProposal,
} from "../../src/domain/docs/proposals.ts";
import { appendRevision, firstRevision, type History, head } from "../../src/domain/docs/revisions.ts";

const AUTHOR = "https://a.example/actor";
const MEMBER = "https://m.example/actor";
const OTHER = "https://o.example/actor";
const maintainers = new Set([AUTHOR]);
const body = "# Mail\n\nWe run one server.\n\nBackups are nightly.\n\nKeys live in DNS.\n";
const content: DocumentContent = { title: "Mail", summary: "", body, lang: "en", tags: ["mail"] };
const first = firstRevision({ content, author: AUTHOR, at: "2026-11-01T00:00:00Z" });
const base = first[0]!.digest;

function proposal(history: History, newBody: string, from = base): Proposal {
  const p = propose(
    history,
    maintainers,
    { base: from, body: newBody, message: "Say two servers" },
    {
      id: "p1",
      proposer: MEMBER,
      at: "2026-11-02T00:00:00Z",
    },
  );
  if (!p.ok) throw new Error(p.error.reason);
  return p.value;
}

function authorEdits(history: History, newBody: string): History {
  const next = appendRevision(history, {
    content: { ...content, body: newBody },
    author: AUTHOR,
    at: "2026-11-03T00:00:00Z",
  });
  if (!next.ok) throw new Error(next.error.reason);
  return next.value.history;
}

describe("proposed changes", () => {
  it("are opened by a reader who is not a maintainer, on a known revision, with a change and a message", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    expect(p).toEqual({
      id: "p1",
      proposer: MEMBER,
      at: "2026-11-02T00:00:00Z",
      base,
      body: body.replace("one server", "two servers"),
      message: "Say two servers",
      state: "open",
    });
    const who = { id: "p2", proposer: MEMBER, at: "2026-11-02T00:00:00Z" };
    const own = propose(first, maintainers, { base, body: "x", message: "m" }, { ...who, proposer: AUTHOR });
    expect(own.ok || own.error.reason).toBe("docs.proposer_is_maintainer");
    const unknown = propose(first, maintainers, { base: `sha256:${"1".repeat(64)}`, body: "x", message: "m" }, who);
    expect(unknown.ok || unknown.error.code).toBe("not_found");
    const same = propose(first, maintainers, { base, body, message: "m" }, who);
    expect(same.ok || same.error.reason).toBe("docs.proposal_no_change");
    const bad = propose(first, maintainers, { base, body: "x", message: "  " }, who);
    expect(bad.ok || bad.error.fields).toEqual({ message: { code: "required" } });
  });

  it("accepted, become the next revision credited to the proposer", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    const accepted = acceptProposal(first, maintainers, p, AUTHOR, "2026-11-04T00:00:00Z");
    if (!accepted.ok) throw new Error(accepted.error.reason);
    const revision = head(accepted.value.history);
    expect(revision).toMatchObject({
      number: 2,
      author: MEMBER,
      message: "Say two servers",
      proposal: { id: "p1", acceptedBy: AUTHOR },
      content: { ...content, body: body.replace("one server", "two servers") },
    });
    expect(accepted.value.proposal).toMatchObject({
      state: "accepted",
      decision: { by: AUTHOR, at: "2026-11-04T00:00:00Z", revision: revision.digest },
    });
  });

  it("are decided by a maintainer only, once", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    const byOther = acceptProposal(first, maintainers, p, OTHER, "2026-11-04T00:00:00Z");
    expect(byOther.ok || byOther.error).toEqual({ code: "forbidden", reason: "docs.not_maintainer" });
    const rejected = rejectProposal(maintainers, p, AUTHOR, "2026-11-04T00:00:00Z", " Not yet ");
    expect(rejected).toEqual({
      ok: true,
      value: { ...p, state: "rejected", decision: { by: AUTHOR, at: "2026-11-04T00:00:00Z", reason: "Not yet" } },
    });
    if (!rejected.ok) return;
    const again = acceptProposal(first, maintainers, rejected.value, AUTHOR, "2026-11-05T00:00:00Z");
    expect(again.ok || again.error).toEqual({
      code: "conflict",
      reason: "docs.proposal_closed",
      vars: { state: "rejected" },
    });
  });

  it("are withdrawn by their proposer only", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    expect(withdrawProposal(p, AUTHOR, "t").ok).toBe(false);
    expect(withdrawProposal(p, MEMBER, "t")).toEqual({
      ok: true,
      value: { ...p, state: "withdrawn", decision: { by: MEMBER, at: "t" } },
    });
  });

  it("on an older revision are stale; accepted when they touch other lines, merged with the head", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    const second = authorEdits(first, body.replace("in DNS", "in DNS, signed"));
    expect(proposalStatus(first, p)).toEqual({ stale: false });
    expect(proposalStatus(second, p)).toEqual({ stale: true, behind: 1, mergeable: true });
    const accepted = acceptProposal(second, maintainers, p, AUTHOR, "2026-11-04T00:00:00Z");
    if (!accepted.ok) throw new Error(accepted.error.reason);
    expect(head(accepted.value.history).content.body).toBe(
      "# Mail\n\nWe run two servers.\n\nBackups are nightly.\n\nKeys live in DNS, signed.\n",
    );
    expect(head(accepted.value.history).number).toBe(3);
  });

  it("on an older revision, refused when they conflict with what changed since, with the lines", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    const second = authorEdits(first, body.replace("one server", "three servers"));
    expect(proposalStatus(second, p)).toEqual({ stale: true, behind: 1, mergeable: false });
    const refused = acceptProposal(second, maintainers, p, AUTHOR, "2026-11-04T00:00:00Z");
    expect(refused.ok || refused.error).toEqual({
      code: "conflict",
      reason: "docs.proposal_conflict",
      vars: { fromLine: 3, toLine: 3, conflicts: 1 },
    });
  });

  it("already made by the head are refused as no change", () => {
    const p = proposal(first, body.replace("one server", "two servers"));
    const second = authorEdits(first, body.replace("one server", "two servers"));
    const refused = acceptProposal(second, maintainers, p, AUTHOR, "2026-11-04T00:00:00Z");
    expect(refused.ok || refused.error).toEqual({ code: "conflict", reason: "docs.proposal_no_change" });
  });
});
