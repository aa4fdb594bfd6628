import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "provider-healthcare",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
