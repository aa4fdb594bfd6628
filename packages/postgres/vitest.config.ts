import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "postgres",
    include: ["src/**/*.test.ts"],
    environment: "node",
    // Starting a second server (embedded-server.test.ts) takes seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    globalSetup: ["./src/testing/global-setup.ts"],
  },
});
