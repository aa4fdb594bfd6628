/**
 * @module The audit log of staff actions (who, what, when, which household), append-only.
 */
import { and, desc, eq, gte, like, lte } from "drizzle-orm";
import type { AuditRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { auditLog } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

export function createAuditRepository(db: Db): Synchronous<AuditRepository> {
  return {
    append(entry) {
      db.insert(auditLog).values(entry).run();
    },
    list(operatorId, { action, staff, from, to, limit }) {
      return db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.operatorId, operatorId),
            action ? like(auditLog.action, `${action}%`) : undefined,
            staff ? eq(auditLog.staffLoginId, staff) : undefined,
            from ? gte(auditLog.at, from) : undefined,
            to ? lte(auditLog.at, `${to}T99`) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit)
        .all();
    },
  };
}
