import { describe, expect, it } from "vitest";
import { printable } from "../../src/cli/command.ts";
import { describeQueueMessage } from "../../src/db/queue-message-summary.ts";

const keys = [{ keyId: "https://a.example/actors/x#main-key", privateKey: { kty: "RSA", d: "SECRET" } }];

describe("describeQueueMessage", () => {
  it("names Fedify's tasks and the application's events, never their content", () => {
    const cases: [unknown, string][] = [
      [{ commonhost: "announcement.created", id: "a1" }, "event announcement.created"],
      [
        {
          type: "outbox",
          keys,
          activityType: "https://www.w3.org/ns/activitystreams#Create",
          inbox: "https://b.example/inbox",
          activity: { content: "SECRET" },
        },
        "fedify outbox: Create to https://b.example/inbox",
      ],
      [
        {
          type: "fanout",
          keys,
          activityType: "Update",
          inboxes: { "https://b.example/inbox": {}, "https://c.example/inbox": {} },
        },
        "fedify fanout: Update to 2 inboxes",
      ],
      [
        { type: "fanout", keys, activityType: "Delete", inboxes: { "https://b.example/inbox": {} } },
        "fedify fanout: Delete to 1 inbox",
      ],
      [
        { type: "inbox", activity: { type: "Follow", actor: "https://b.example/users/x" } },
        "fedify inbox: Follow received",
      ],
      [{ type: "something else", keys }, "unknown message"],
      [{ commonhost: 42 }, "unknown message"],
      ["a string", "unknown message"],
      [null, "unknown message"],
    ];
    for (const [payload, expected] of cases) {
      const described = describeQueueMessage(payload);
      expect(described).toBe(expected);
      expect(described).not.toContain("SECRET");
    }
  });
});

describe("printable", () => {
  it("keeps text from the database or the network to one safe line", () => {
    expect(printable("Error: boom\n    at x\u001b[2J")).toBe("Error: boom at x [2J");
    expect(printable("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
