import { describe, expect, it } from "vitest";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { formToProfile, issuesToFields, profileToForm } from "../../src/web/panel/profile-form.ts";

const full = profileSchema.parse({
  summary: "Hosting for movements",
  website: "https://coop.example",
  languages: ["en", "fr"],
  values: { tags: ["cooperative", "no-ads"], statement: "We *care*." },
  services: [
    {
      kind: "email",
      price: { model: "fixed", amount: 5, currency: "EUR", period: "month" },
      availability: "open",
      supportLanguages: ["en"],
    },
    {
      kind: "nextcloud",
      name: "Cloud",
      check: "https://cloud.coop.example/status.php",
      price: { model: "donation" },
      availability: "waitlist",
    },
  ],
  capacity: { storageGb: 500, statedAt: "2026-01-01" },
  norms: {
    governance: "cooperative",
    shutdownNoticeDays: 90,
    funding: ["members"],
    dataPolicy: { backupFrequency: "daily" },
    emergencyAccess: { people: 2 },
  },
  place: { country: "FR", region: "Bretagne", upstream: { asn: 12345 } },
  evidence: [{ claim: "Daily backups", url: "https://coop.example/backups", reconfirmBy: "2027-01-01" }],
});

describe("the profile form", () => {
  it("round-trips a full profile through the form", () => {
    const parsed = formToProfile(profileToForm("Coop", full));
    expect(parsed.name).toBe("Coop");
    expect(profileSchema.parse(parsed.profile)).toEqual(full);
  });

  it("reads an AS number with or without its AS prefix, and refuses anything else", () => {
    const form = profileToForm("Coop", full);
    for (const typed of ["AS24940", "as 24940", "24940", " AS24940 "]) {
      form["place.upstream.asn"] = typed;
      expect(profileSchema.parse(formToProfile(form).profile).place.upstream.asn).toBe(24940);
    }
    form["place.upstream.asn"] = "ASN-24940";
    expect(profileSchema.safeParse(formToProfile(form).profile).success).toBe(false);
  });

  it("reorders and removes services, and ignores the blank new row", () => {
    const form = profileToForm("Coop", full);
    form["services.0.position"] = "2";
    form["services.1.position"] = "1";
    form["services.2.price.model"] = "free"; // the blank "add a service" row, untouched
    let profile = profileSchema.parse(formToProfile(form).profile);
    expect(profile.services.map((s) => s.kind)).toEqual(["nextcloud", "email"]);
    form["services.1._remove"] = "1";
    profile = profileSchema.parse(formToProfile(form).profile);
    expect(profile.services.map((s) => s.kind)).toEqual(["email"]);
  });

  it("reports errors by the submitted field names, keeping typed text", () => {
    const form = profileToForm("Coop", full);
    form["services.0.position"] = "2";
    form["services.1.position"] = "1";
    form["services.0.price.amount"] = "five";
    form.website = "coop.example";
    form.languages = "en, not a tag";
    const parsed = formToProfile(form);
    const result = profileSchema.safeParse(parsed.profile);
    expect(result.success).toBe(false);
    if (result.success) return;
    const fields = issuesToFields(result.error.issues, parsed, []);
    expect(fields["services.0.price.amount"]?.code).toBe("number");
    expect(fields.website?.code).toBe("url");
    expect(fields.languages?.code).toBe("language");
  });
});
