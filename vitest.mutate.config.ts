// The tests `npm run mutate` runs against each mutant: those that guard the security-critical modules
// listed in stryker.config.json, and nothing slower. Everything else is as in vitest.config.ts.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// Spread, not mergeConfig: that would add these files to the base list instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "test/unit/client-address.test.ts",
      "test/unit/totp-codes.test.ts",
      "test/unit/directory-filters.test.ts",
      "test/unit/safe-url.test.ts",
      "test/unit/markdown.test.ts",
      "test/unit/config.test.ts",
      "test/panel/totp.test.ts",
      "test/trust/*.test.ts",
      "test/api/auth-rate-limit.test.ts",
      "test/api/bodies.test.ts",
      "test/inbox/hostile-input.test.ts",
      "test/federation/private-address.test.ts",
      "test/directory/inquiry-limits.test.ts",
      "test/panel/accounts.test.ts",
      "test/panel/password-reset.test.ts",
    ],
    // One worker: the machine is shared, and each mutant's run is short.
    maxWorkers: 1,
  },
});
