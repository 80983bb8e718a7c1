// A Follow costs its sender one request and the instance a stored follower and a signed Accept
// delivered back: 300 Follows from one key were 300 Accepts. Follows are counted per actor and per
// origin and hour, in the database (one upsert counts and reads, so parallel requests and several
// processes share the count); beyond the limit the Follow is answered 429 and nothing is queued.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";

export const FOLLOWS_PER_ACTOR_PER_HOUR = 10;
export const FOLLOWS_PER_ORIGIN_PER_HOUR = 100;

async function count(database: Database, sender: string): Promise<number> {
  const [row] = await database.rows<{ count: number }>(sql`
    insert into inbound_quota (sender, hour, count) values (${sender}, date_trunc('hour', now()), 1)
    on conflict (sender, hour) do update set count = inbound_quota.count + 1
    returning count`);
  if (row?.count === 1) await database.rows(sql`delete from inbound_quota where hour < now() - interval '2 hours'`);
  return row?.count ?? 0;
}

/** Counts a Follow from `actor`; the reason to refuse it when its actor or origin is over the limit, else null. */
export async function countFollow(database: Database, actor: URL): Promise<string | null> {
  const byActor = await count(database, `follow actor ${actor.href}`);
  const byOrigin = await count(database, `follow origin ${actor.origin}`);
  if (byActor > FOLLOWS_PER_ACTOR_PER_HOUR)
    return `${actor.href} has sent more than ${FOLLOWS_PER_ACTOR_PER_HOUR} follows this hour`;
  if (byOrigin > FOLLOWS_PER_ORIGIN_PER_HOUR)
    return `${actor.origin} has sent more than ${FOLLOWS_PER_ORIGIN_PER_HOUR} follows this hour`;
  return null;
}
