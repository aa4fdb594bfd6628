import { defineConfig } from "drizzle-kit";

// The PF's PostgreSQL migrations, beside the SQLite ones (drizzle.config.ts): `npm run db:generate:pg`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/storage/postgres/schema.ts",
  out: "./drizzle/pf-pg",
});
