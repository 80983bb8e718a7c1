// What every part of a running instance shares: passed explicitly, never imported as a singleton.
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { DatabaseMessageQueue } from "./db/message-queue.ts";
import type { Logger } from "./logging.ts";

export type Runtime = {
  readonly config: Config;
  readonly database: Database;
  readonly queue: DatabaseMessageQueue;
  readonly logger: Logger;
};
