import { defineConfig } from "vitest/config";

export default defineConfig({
  // The administrator console renders hono/jsx; tell the transformer where the automatic JSX runtime lives.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    name: "pf-server",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
