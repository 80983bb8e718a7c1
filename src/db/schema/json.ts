// Types of JSON columns as the database sees them. The storage layer does not know the domain's
// shapes: a repository in src/domain reads a column as the domain type it wrote there.

/** A provider profile (ours or a replica's) as stored: a JSON object. */
export type ProfileDocument = { readonly [key: string]: unknown };

/** A network's signed JSON-LD document (a founding, motion, ballot, closing or departure) as received. */
export type NetworkDocument = { readonly [key: string]: unknown };

/** An offer or request of mutual aid, or an agreement, as the aid area wrote it: a JSON object. */
export type AidDocument = { readonly [key: string]: unknown };
