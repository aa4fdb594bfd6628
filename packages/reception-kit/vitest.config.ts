import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "reception-kit",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
