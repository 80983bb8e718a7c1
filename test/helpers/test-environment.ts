// The suite's own settings, read once from the environment through the project's one reader of it
// (src/environment.js); the instances under test get theirs from src/config.ts like any instance.
import { readEnvironment } from "../../src/environment.js";

const env = readEnvironment();

/** The PostgreSQL server the suite runs against, or undefined to run on PGlite. */
export const testDatabaseUrl: string | undefined = env.TEST_DATABASE_URL || undefined;

/** Log level of the instances under test (silent unless asked). */
export const testLogLevel: string = env.TEST_LOG_LEVEL || "silent";

/** UPDATE_SCREENSHOTS=1: the browser tests write their screenshots into docs/images. */
export const updateScreenshots: boolean = env.UPDATE_SCREENSHOTS === "1";

/** NETWORK_SIM_LONG=1 (npm run sim): the network simulation runs more seeds and more motions. */
export const networkSimLong: boolean = env.NETWORK_SIM_LONG === "1";

/** AID_SIM_LONG=1 (npm run sim:aid): the health-watch simulation runs more seeds over a longer day. */
export const aidSimLong: boolean = env.AID_SIM_LONG === "1";

/** The environment for a child process: this process's, with some variables changed. */
export function environmentWith(changes: Record<string, string>): Record<string, string | undefined> {
  return { ...env, ...changes };
}
