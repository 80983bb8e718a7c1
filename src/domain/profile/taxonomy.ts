// The shared, versioned vocabularies a profile is described with. Labels live in locales/ under
// taxonomy.value.<tag> and taxonomy.service.<kind>. Adding a term bumps the minor version;
// renaming or removing one bumps the major version and needs a mapping for older profiles.
export const TAXONOMY_VERSION = "1.0";

export const valueTags = [
  "cooperative",
  "worker-owned",
  "non-profit",
  "collective",
  "anti-capitalist",
  "anti-fascist",
  "feminist",
  "queer-led",
  "bipoc-led",
  "no-ads",
  "no-tracking",
  "privacy-first",
  "free-software-only",
  "open-governance",
  "renewable-energy",
  "local",
  "at-risk-groups-welcome",
  "accessibility",
  "degrowth",
  "community-supported",
] as const;

export const serviceKinds = [
  "email",
  "web-hosting",
  "nextcloud",
  "mastodon",
  "matrix",
  "xmpp",
  "peertube",
  "mailing-lists",
  "vps",
  "backup-storage",
  "dns",
  "vpn",
  "git-forge",
  "video-calls",
  "pads",
  "forum",
  "wiki",
  "domain-registration",
] as const;

export const priceModels = ["free", "donation", "sliding-scale", "membership-fee", "fixed"] as const;
export const availabilities = ["open", "waitlist", "closed"] as const;
export const backupFrequencies = ["none", "hourly", "daily", "weekly", "monthly"] as const;
export const encryptionLevels = ["none", "partial", "full"] as const;
export const governanceForms = [
  "cooperative",
  "collective",
  "association",
  "non-profit",
  "company",
  "individual",
  "other",
] as const;
export const fundingSources = ["members", "donations", "grants", "service-fees", "volunteer", "other"] as const;
export const pricePeriods = ["once", "month", "year"] as const;

export type ValueTag = (typeof valueTags)[number];
export type ServiceKind = (typeof serviceKinds)[number];
