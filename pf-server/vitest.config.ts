import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "pf-server",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
