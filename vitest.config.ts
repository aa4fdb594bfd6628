import { defineConfig } from "vitest/config";

// One Vitest run over every package (each keeps its own config); `npm test` in a package runs just that one.
export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores, one on a 2-core CI machine; but many files here spend
    // their time waiting on servers and child processes they started (PostgreSQL, whole systems under fault), so a
    // second worker keeps the other core busy.
    maxWorkers: 2,
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
