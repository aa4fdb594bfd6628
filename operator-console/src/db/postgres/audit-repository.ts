/**
 * @module PostgreSQL storage of the audit log of staff actions (who, what, when, which household), append-only.
 */
import { and, desc, eq, gte, ilike, lte } from "drizzle-orm";
import type { AuditRepository } from "../../domain/repositories.ts";
import type { PgDb } from "./database.ts";
import { auditLog } from "./schema.ts";

export function createPgAuditRepository(db: PgDb): AuditRepository {
  return {
    async append(entry) {
      await db.insert(auditLog).values(entry);
    },
    async list(operatorId, { action, staff, from, to, limit }) {
      return db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.operatorId, operatorId),
            // ILIKE: SQLite's LIKE ignores the case of ASCII letters.
            action ? ilike(auditLog.action, `${action}%`) : undefined,
            staff ? eq(auditLog.staffLoginId, staff) : undefined,
            from ? gte(auditLog.at, from) : undefined,
            to ? lte(auditLog.at, `${to}T99`) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}
