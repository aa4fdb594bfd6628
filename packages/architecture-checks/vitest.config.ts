import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "architecture-checks",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
