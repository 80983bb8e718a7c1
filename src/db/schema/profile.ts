/**
 * A provider's structured profile as stored: a JSON object. Its shape is the domain's
 * (domain/profile/profile.schema.ts), validated before it is written; the repositories that read it
 * give it that type.
 */
export type StoredProfile = Readonly<Record<string, unknown>>;
