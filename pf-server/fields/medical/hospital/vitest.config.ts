import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "medical-hospital",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
