import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "operator-console",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
