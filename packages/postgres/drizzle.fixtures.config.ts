import { defineConfig } from "drizzle-kit";

// The migrations of this package's test schema, generated as a service's are: `npx drizzle-kit generate --config drizzle.fixtures.config.ts`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/test-fixtures/notes-schema.ts",
  out: "./src/test-fixtures/drizzle",
});
