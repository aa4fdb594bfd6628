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
  },
});
