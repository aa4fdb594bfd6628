/**
 * @module The operator directory over the shared `operators` table (schema.ts), for any provider's SQLite database.
 */
import { sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { OperatorDirectory } from "../operator-directory.ts";
import { operators } from "../schema.ts";
import type { Synchronous } from "./sqlite-gate.ts";

export function sqliteOperatorDirectory<S extends Record<string, unknown>>(
  db: BetterSQLite3Database<S>,
): Synchronous<OperatorDirectory> {
  return {
    remember(operator, learntFrom, at) {
      db.insert(operators)
        .values({ id: operator.id, name: operator.name, learntFrom, updatedAt: at })
        .onConflictDoUpdate({
          target: operators.id,
          set: { name: operator.name, learntFrom, updatedAt: at },
          // The configured directory never overwrites what an operator's own settlement said.
          ...(learntFrom === "directory" ? { setWhere: sql`${operators.learntFrom} = 'directory'` } : {}),
        })
        .run();
    },
    names() {
      return new Map(
        db
          .select({ id: operators.id, name: operators.name })
          .from(operators)
          .all()
          .map((o) => [o.id, o.name]),
      );
    },
  };
}
