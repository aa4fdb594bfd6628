import { defineConfig } from "vitest/config";

// One Vitest run over every package (each keeps its own config); `npm test` in a package runs just that one.
export default defineConfig({
  test: {
    projects: [
      "packages/contracts",
      "packages/jpki",
      "packages/service-kit",
      "packages/provider-kit",
      "packages/browser-testing",
      "packages/reception-kit",
      "packages/postgres",
      "firmware-shims",
      "pf-server",
      "pf-server/providers/facility-booking",
      "pf-server/providers/healthcare",
      "pf-server/fields/medical/insurer",
      "pf-server/fields/medical/hospital",
      "operator-console",
      "stb-app",
      "e2e",
      "packages/architecture-checks",
    ],
  },
});
