import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "provider-kit",
    include: ["src/**/*.test.ts"],
    environment: "node",
    // One real PostgreSQL server for the project; each test file makes its own database (@catv/postgres).
    globalSetup: ["@catv/postgres/testing/global-setup"],
  },
});
