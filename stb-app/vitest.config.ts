import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "stb-app",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts"],
    environment: "node",
  },
});
