/**
 * @module The operator directory over the shared `operators` table (pg-schema.ts), for any provider's PostgreSQL
 * database; the SQLite form is sqlite/operator-directory.ts.
 */
import { sql } from "drizzle-orm";
import type { OperatorDirectory } from "../operator-directory.ts";
import { operatorsPg } from "../pg-schema.ts";
import type { PgExecutor } from "./pg-store.ts";

export function pgOperatorDirectory<S extends Record<string, unknown>>(db: PgExecutor<S>): OperatorDirectory {
  return {
    async remember(operator, learntFrom, at) {
      await db
        .insert(operatorsPg)
        .values({ id: operator.id, name: operator.name, learntFrom, updatedAt: at })
        .onConflictDoUpdate({
          target: operatorsPg.id,
          set: { name: operator.name, learntFrom, updatedAt: at },
          // The configured directory never overwrites what an operator's own settlement said.
          ...(learntFrom === "directory" ? { setWhere: sql`${operatorsPg.learntFrom} = 'directory'` } : {}),
        });
    },
    async names() {
      const rows = await db.select({ id: operatorsPg.id, name: operatorsPg.name }).from(operatorsPg);
      return new Map(rows.map((o) => [o.id, o.name]));
    },
  };
}
