import { defineConfig } from "vitest/config";

export default defineConfig({
  // The server renders hono/jsx; tell the transformer where the automatic JSX runtime lives.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    name: "operator-console",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    testTimeout: 30_000,
  },
});
