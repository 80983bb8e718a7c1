import pino from "pino";
import { describe, expect, it } from "vitest";
import { pinoSink } from "../../src/logging.ts";

// Fedify logs the activity it failed on; a sender controls how large that is.
describe("Fedify's log lines", () => {
  it("carry a summary of a large activity, not the activity", () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const activity = { id: "https://peer.example/a/1", type: "Create", object: { content: "x".repeat(1_000_000) } };
    pinoSink(logger)({
      category: ["fedify", "federation", "inbox"],
      level: "error",
      message: ["Failed to parse activity:\n", activity],
      rawMessage: "Failed to parse activity:\n{activity}",
      properties: { activity, recipient: null },
      timestamp: Date.now(),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(10_000);
    const line = JSON.parse(lines[0]!) as { activity: { id: string; type: string; summary: string } };
    expect(line.activity).toMatchObject({ id: "https://peer.example/a/1", type: "Create" });
    expect(line.activity.summary).toMatch(/characters, not logged/);
  });
});
