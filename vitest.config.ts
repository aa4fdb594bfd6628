import { defineConfig } from "vitest/config";

// One Vitest run over every package (each keeps its own config); `npm test` in a package runs just that one.
export default defineConfig({
  test: {
    projects: [
      "packages/service-kit",
      "firmware-shims",
      "pf-server",
      "pf-server/providers/facility-booking",
      "pf-server/providers/healthcare",
      "operator-console",
      "stb-app",
      "e2e",
    ],
  },
});
