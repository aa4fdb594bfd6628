/**
 * @module Checks that a provider's domain code stays apart from its storage: no file in the folder imports a
 * database driver or ORM (drizzle, better-sqlite3, a PostgreSQL client), the kit's SQLite or PostgreSQL side, the shared PostgreSQL library, or the provider's
 * own `db/` folder. The domain then runs unchanged over any implementation of its repository interfaces.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const STORAGE_SPECIFIER =
  /^(?:drizzle-orm|drizzle-kit|better-sqlite3|pg|postgres|@electric-sql\/pglite)(?:\/|$)|^@catv\/provider-kit\/(?:sqlite|postgres|schema|pg-schema)$|^@catv\/postgres(?:\/|$)|(?:^|\/)db\//;

/** Every import (static, dynamic, re-export) of a storage module in the folder's source files, as `file: specifier`. */
export function storageImportsIn(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const source = readFileSync(path, "utf8");
        for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
          if (STORAGE_SPECIFIER.test(match[1]!)) found.push(`${relative(folder, path)}: ${match[1]}`);
        }
      }
    }
  };
  visit(folder);
  return found;
}
