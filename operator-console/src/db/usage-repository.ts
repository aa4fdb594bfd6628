/**
 * @module Storage of the usage records the PF forwards (usage.reported), idempotent by usage ID.
 */
import { nextMonth } from "@catv/contracts/calendar";
import { and, desc, eq, sql } from "drizzle-orm";
import type { NewUsageRecord, ProviderMonthUsage, UsageListRow } from "../domain/records.ts";
import type { UsageRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { billingMonths, usageRecords } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

export function createUsageRepository(db: Db): Synchronous<UsageRepository> {
  const insert = (operatorId: string, row: NewUsageRecord): boolean =>
    db
      .insert(usageRecords)
      .values({ operatorId, ...row })
      .onConflictDoNothing()
      .run().changes > 0;
  const closedMonths = (operatorId: string): Set<string> =>
    new Set(
      db
        .select({ month: billingMonths.month })
        .from(billingMonths)
        .where(eq(billingMonths.operatorId, operatorId))
        .all()
        .map((r) => r.month),
    );
  return {
    insert,
    insertInOpenMonth(operatorId, row, month) {
      // SQLite answers in-process: two statements cost no more than one here.
      const closed = closedMonths(operatorId);
      let billingMonth = month;
      while (closed.has(billingMonth)) billingMonth = nextMonth(billingMonth);
      return insert(operatorId, { ...row, billingMonth });
    },
    list(operatorId, { householdId, providerId, month, limit }) {
      const conditions = [sql`u.operator_id = ${operatorId}`];
      if (householdId !== undefined) conditions.push(sql`c.household_id = ${householdId}`);
      if (providerId) conditions.push(sql`u.provider_id = ${providerId}`);
      if (month) conditions.push(sql`u.billing_month = ${month}`);
      return db.all<UsageListRow>(sql`
        SELECT u.usage_id AS usageId, u.cable_id AS cableId, u.provider_id AS providerId,
          u.provider_name AS providerName, u.service_id AS serviceId, u.kind, u.amount_yen AS amountYen,
          u.tax_rate_percent AS taxRatePercent, u.description, u.occurred_at AS occurredAt,
          u.reverses_usage_id AS reversesUsageId, u.billing_month AS billingMonth,
          h.contract_id AS contractId, c.household_id AS householdId,
          r.usage_id AS reversedByUsageId, r.occurred_at AS reversedAt, o.occurred_at AS reversedChargeAt
        FROM usage_records u
        LEFT JOIN usage_records r ON u.kind = 'charge' AND r.id = (
          SELECT min(x.id) FROM usage_records x
          WHERE x.operator_id = u.operator_id AND x.reverses_usage_id = u.usage_id AND x.kind = 'reversal')
        LEFT JOIN usage_records o ON u.kind = 'reversal' AND o.operator_id = u.operator_id
          AND o.usage_id = u.reverses_usage_id
        LEFT JOIN cable_ids c ON c.operator_id = u.operator_id AND c.cable_id = u.cable_id
        LEFT JOIN households h ON h.id = c.household_id
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY u.occurred_at DESC LIMIT ${limit}`);
    },
    closedMonths,
    byProviderAndMonth(operatorId) {
      return db.all<ProviderMonthUsage>(sql`
        SELECT billing_month AS month, provider_id AS providerId, max(provider_name) AS providerName,
          sum(CASE kind WHEN 'charge' THEN 1 ELSE 0 END) AS count,
          sum(CASE kind WHEN 'reversal' THEN -amount_yen ELSE amount_yen END) AS amountYen
        FROM usage_records WHERE operator_id = ${operatorId}
        GROUP BY billing_month, provider_id ORDER BY billing_month`);
    },
    providers(operatorId) {
      return db
        .selectDistinct({ providerId: usageRecords.providerId, providerName: usageRecords.providerName })
        .from(usageRecords)
        .where(and(eq(usageRecords.operatorId, operatorId)))
        .orderBy(desc(usageRecords.providerId))
        .all();
    },
  };
}
