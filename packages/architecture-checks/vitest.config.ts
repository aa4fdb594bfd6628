import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "architecture-checks",
    include: ["src/**/*.test.ts"],
    environment: "node",
    // The import check parses every source file of the repository: seconds on a loaded machine.
    testTimeout: 60_000,
  },
});
