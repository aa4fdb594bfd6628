import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The use cases, routes and pages work against the repository interfaces (repositories.ts) and the console's own
// records (records.ts), so a second storage (PostgreSQL) can be added without touching them. Only the SQLite
// implementation (src/db), the process entry that chooses it, and the test harness may name the driver.
const src = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const allowed = (file: string) =>
  file.startsWith("db/") ||
  file.startsWith("test-support/") ||
  file === "main.tsx" ||
  /\.test\.tsx?$/.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1] ?? "");
}

const storageImports = sourceFiles(src)
  .map((file) => relative(src, file).split("\\").join("/"))
  .filter((file) => !allowed(file))
  .flatMap((file) =>
    importsOf(join(src, file))
      .filter(
        (specifier) =>
          /^(drizzle-orm|better-sqlite3)(\/|$)/.test(specifier) ||
          (specifier.startsWith(".") &&
            /^db(\/|$)/.test(
              relative(src, resolve(dirname(join(src, file)), specifier))
                .split("\\")
                .join("/"),
            )),
      )
      .map((specifier) => `${file} → ${specifier}`),
  );

describe("storage independence", () => {
  it("keeps the driver and the SQLite repositories out of the use cases, routes and pages", () => {
    expect(storageImports).toEqual([]);
  });
});
