import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "provider-kit",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
