import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { storageImportsIn } from "./storage-imports.ts";

const dir = mkdtempSync(join(tmpdir(), "storage-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("storage imports", () => {
  it("names every domain file that imports a driver, an ORM or the storage folder", () => {
    mkdirSync(join(dir, "domain"));
    writeFileSync(
      join(dir, "domain", "a.ts"),
      'import { eq } from "drizzle-orm";\nimport x from "./b.ts";\n',
    );
    writeFileSync(join(dir, "domain", "b.ts"), 'import type Database from "better-sqlite3";\n');
    writeFileSync(join(dir, "domain", "c.ts"), 'export * from "../db/schema.ts";\n');
    writeFileSync(join(dir, "domain", "d.ts"), 'const m = await import("@catv/provider-kit/sqlite");\n');
    writeFileSync(join(dir, "domain", "e.ts"), 'import { fail } from "../errors.ts";\n');
    writeFileSync(join(dir, "domain", "f.ts"), 'import { pgStore } from "@catv/provider-kit/postgres";\n');
    writeFileSync(join(dir, "domain", "g.ts"), 'import { openPostgres } from "@catv/postgres";\n');
    expect(storageImportsIn(join(dir, "domain")).sort()).toEqual([
      "a.ts: drizzle-orm",
      "b.ts: better-sqlite3",
      "c.ts: ../db/schema.ts",
      "d.ts: @catv/provider-kit/sqlite",
      "f.ts: @catv/provider-kit/postgres",
      "g.ts: @catv/postgres",
    ]);
  });

  it("finds none in the kit's own domain side (everything outside its SQLite, PostgreSQL and schema modules)", () => {
    const src = fileURLToPath(new URL("..", import.meta.url));
    const kitDomain = storageImportsIn(src).filter(
      (hit) =>
        !hit.startsWith("sqlite/") &&
        !hit.startsWith("postgres/") &&
        !hit.startsWith("schema.ts") &&
        !hit.startsWith("pg-schema.ts") &&
        // The PostgreSQL suites' helper that empties a test database between tests.
        !hit.startsWith("testing/pg-reset.ts"),
    );
    expect(kitDomain).toEqual([]);
  });
});
