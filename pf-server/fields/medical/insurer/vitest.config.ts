import { defineConfig } from "vitest/config";

export default defineConfig({
  // The staff pages render hono/jsx; tell the transformer where the automatic JSX runtime lives.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    name: "medical-insurer",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One real PostgreSQL server for the project; each test file makes its own database (@catv/postgres).
    globalSetup: ["@catv/postgres/testing/global-setup"],
  },
});
