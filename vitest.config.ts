import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/helpers/global-setup.ts"],
    setupFiles: ["test/helpers/setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Generous: most tests start real instances (migrations, key pairs, argon2), and CI may share a
    // busy machine. A test that waits does so on a condition, never on the clock.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Dropping the run's PostgreSQL databases can take a while on a busy machine.
    teardownTimeout: 60_000,
    expect: { requireAssertions: true },
  },
});
