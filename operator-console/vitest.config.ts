import { defineConfig } from "vitest/config";

export default defineConfig({
  // The server renders hono/jsx; tell the transformer where the automatic JSX runtime lives.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    name: "operator-console",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    testTimeout: 60_000,
    // Each file seeds staff with real OWASP-cost scrypt hashes, which is slow on a shared 2-core machine.
    hookTimeout: 120_000,
    // One real PostgreSQL server for the project's PostgreSQL suites; each file makes its own database on it.
    globalSetup: ["@catv/postgres/testing/global-setup"],
  },
});
