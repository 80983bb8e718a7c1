// The charter's mutual aid terms in the panel's form: an amendment starts from the charter in force and
// keeps them, defaults are not written (the charter keeps its digest), and one watcher alone is refused.
import { describe, expect, it } from "vitest";
import { charterAt, parseCharter } from "../../src/domain/networks/charter.ts";
import { translator } from "../../src/i18n/i18n.ts";
import { charterValues, readFound } from "../../src/web/panel/network-forms.ts";

const t = translator("en");

/** The founding form as a browser sends it, from the charter fields' values. */
function formOf(values: ReturnType<typeof charterValues>): Record<string, string> {
  const form: Record<string, string> = {
    name: "Commons",
    purpose: "",
    "charter.questions": values.questions,
    "charter.pauseAfterMissed": values.pauseAfterMissed,
    "charter.watch.k": values.watchK,
    "charter.watch.interval": values.watchInterval,
    "charter.onBehalf": values.onBehalf,
  };
  for (const [kind, r] of Object.entries(values.rules)) {
    form[`charter.rules.${kind}.window`] = r.window;
    form[`charter.rules.${kind}.quorum`] = r.quorum;
    form[`charter.rules.${kind}.threshold`] = r.threshold;
    if (r.block) form[`charter.rules.${kind}.block`] = "1";
  }
  return form;
}

function charter(input: Record<string, unknown>) {
  const body = parseCharter(input, 1000);
  if (!body.ok) throw new Error(body.failure.code);
  return charterAt(body.value, 1);
}

describe("the charter form's mutual aid terms", () => {
  it("keeps the watch and who may speak for a member from the charter in force", () => {
    const read = readFound(
      t,
      formOf(charterValues(charter({ watch: { k: 3, interval: "PT10M" }, onBehalf: "members" }))),
    );
    expect(read.errors).toEqual({});
    expect(read.input?.charter).toMatchObject({ watch: { k: 3, interval: "PT10M" }, onBehalf: "members" });
  });

  it("writes nothing for the defaults, so a charter without them keeps its digest", () => {
    const read = readFound(t, formOf(charterValues()));
    expect(read.errors).toEqual({});
    expect(read.input?.charter).not.toHaveProperty("watch");
    expect(read.input?.charter).not.toHaveProperty("onBehalf");
  });

  it("refuses one watcher alone, next to its field", () => {
    const values = { ...charterValues(), watchK: "1" };
    expect(readFound(t, formOf(values)).errors["charter.watch.k"]).toBeTruthy();
  });
});
