import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "browser-testing",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
