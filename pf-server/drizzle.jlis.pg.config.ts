import { defineConfig } from "drizzle-kit";

// The J-LIS simulator's PostgreSQL migrations, beside its SQLite ones: `npm run jlis:db:generate:pg`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/jlis/storage/postgres/schema.ts",
  out: "./drizzle/jlis-pg",
});
