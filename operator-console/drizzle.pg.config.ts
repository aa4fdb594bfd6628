import { defineConfig } from "drizzle-kit";

// The PostgreSQL migrations, beside the SQLite ones (drizzle.config.ts): `npm run db:generate:pg`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/postgres/schema.ts",
  out: "./drizzle/pg",
});
