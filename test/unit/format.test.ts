// One date and number format per language, and the page patterns built on them.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, labelled, languageName } from "../../src/i18n/format.ts";
import { translator } from "../../src/i18n/i18n.ts";
import { createFlashStore } from "../../src/web/panel/flash.ts";
import { errorSummary } from "../../src/web/views/panel/forms.ts";

describe("dates and numbers", () => {
  it("writes a calendar date the same way in every view of a language, never a day off", () => {
    expect(formatDate("en", "2027-03-31")).toBe("Mar 31, 2027");
    expect(formatDate("fr", "2027-03-31")).toBe("31 mars 2027");
    expect(formatDate("de", "2027-03-31")).toBe("31.03.2027");
    expect(formatDate("es", "2027-01-01")).toBe("1 ene 2027");
    expect(formatDate("pt", "2027-12-31")).toBe("31 de dez. de 2027");
    expect(formatDate("en", "not a date")).toBe("not a date");
  });

  it("writes instants with their time and numbers with the language's separators", () => {
    expect(formatDateTime("en", new Date("2027-03-31T12:05:00Z"))).toMatch(/^Mar 31, 2027/);
    expect(formatNumber("en", 12500)).toBe("12,500");
    expect(formatNumber("de", 12500)).toBe("12.500");
    expect(formatNumber("fr", 12500)).toBe("12\u202f500");
  });

  it("puts French typography around a colon, and names languages in the reader's", () => {
    expect(labelled("fr", "Langues", "fr, en")).toBe("Langues\u00a0: fr, en");
    expect(labelled("en", "Languages", "fr, en")).toBe("Languages: fr, en");
    expect(languageName("fr", "de")).toBe("allemand");
    expect(languageName("en", "pt")).toBe("Portuguese");
  });
});

describe("the error summary", () => {
  it("lists errors in form order, each naming its field and linking to it", async () => {
    const t = translator("fr");
    const labels = { handle: "Identifiant", name: "Nom", username: "Utilisateur", password: "Mot de passe" };
    const html = String(await errorSummary(t, { password: "Trop court.", handle: "Déjà pris." }, labels));
    const entries = [...html.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(entries).toEqual([
      ["f-handle", "Identifiant\u00a0: Déjà pris."],
      ["f-password", "Mot de passe\u00a0: Trop court."],
    ]);
    expect(html).toContain('id="result"');
  });
});

describe("one-time secrets after a redirect", () => {
  it("gives a secret once, to the session that made it, until it expires", () => {
    let now = 1_000_000;
    const flash = createFlashStore(() => now);
    const id = flash.put("session-a", "chp_secret");
    expect(flash.take("session-b", id)).toBeUndefined();
    expect(flash.take("session-a", id)).toBe("chp_secret");
    expect(flash.take("session-a", id)).toBeUndefined();
    const late = flash.put("session-a", "chp_late");
    now += 11 * 60_000;
    expect(flash.take("session-a", late)).toBeUndefined();
    expect(flash.take("session-a", undefined)).toBeUndefined();
  });
});
