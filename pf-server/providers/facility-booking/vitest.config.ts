import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "provider-facility-booking",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
