import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "jpki",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
