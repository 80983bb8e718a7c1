// Typo tolerance in memory measures similarity as pg_trgm does, and corrects unknown words only.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/client.ts";
import { trigrams, Vocabulary } from "../../src/domain/directory/search/vocabulary.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const similarity = (a: string, b: string) => {
  const [x, y] = [trigrams(a), trigrams(b)];
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / (x.size + y.size - shared);
};

describe("the directory's vocabulary", () => {
  it("measures similarity as pg_trgm does", async () => {
    const pairs = [
      ["hostng", "hosting"],
      ["nextclod", "nextcloud"],
      ["courriel", "courrier"],
      ["féministe", "feministe"],
      ["mail", "email"],
      ["abc", "xyz"],
      ["co", "coop"],
    ];
    for (const [a, b] of pairs) {
      const [row] = await rowsOf<{ s: number }>(database().db, sql`select similarity(${a}, ${b})::float8 as s`);
      expect(Math.fround(similarity(a!, b!)), `${a} ~ ${b}`).toBeCloseTo(row!.s, 6);
    }
  });

  it("corrects unknown words of four letters or more to the closest known ones", () => {
    const words = new Vocabulary();
    words.add(["hosting", "hosted", "nextcloud", "email"]);
    words.add(["hosting"]);
    expect(words.corrections("hostng")).toEqual(["hosting", "hosted"]);
    expect(words.corrections("hosting")).toEqual([]);
    expect(words.corrections("xyz")).toEqual([]);
    // A word stays known while any provider uses it.
    words.remove(["hosting"]);
    expect(words.has("hosting")).toBe(true);
    words.remove(["hosting"]);
    expect(words.corrections("hostng")).toEqual(["hosted"]);
  });
});
