import { defineConfig } from "vitest/config";

// The launcher's own unit tests, the privacy scanner's, and tests across services (interop/); the journeys in
// tests/ run under Playwright.
export default defineConfig({
  test: {
    name: "e2e-launcher",
    include: [
      "launcher/**/*.test.ts",
      "privacy/**/*.test.ts",
      "interop/**/*.test.ts",
      "operations/**/*.test.ts",
    ],
    environment: "node",
    // These hooks start and stop whole systems of processes (and a PostgreSQL server): stopping drains each
    // service (up to 10 s apiece) and may take longer than Vitest's default 10 s on a loaded 2-core machine.
    hookTimeout: 120_000,
  },
});
