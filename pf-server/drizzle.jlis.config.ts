import { defineConfig } from "drizzle-kit";

// Migrations of the J-LIS simulator's own database ($CATV_DATA_DIR/jlis.sqlite); `npm run jlis:db:generate`.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/jlis/storage/schema.ts",
  out: "./drizzle/jlis",
});
