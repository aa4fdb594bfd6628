import { defineConfig } from "vitest/config";

export default defineConfig({
  // The administrator console renders hono/jsx; tell the transformer where the automatic JSX runtime lives.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    name: "pf-server",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    // Many tests here sign with emulated cards (RSA-2048) over real HTTP; on a busy 2-core machine one can pass 5 s.
    // A limit, not a speed goal: speed is measured by the bench scripts.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One real PostgreSQL server for the project's PostgreSQL suites; each file makes its own database on it.
    globalSetup: ["@catv/postgres/testing/global-setup"],
  },
});
