import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "firmware-shims",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
