/**
 * @module PostgreSQL storage of the usage records the PF forwards (usage.reported), idempotent by usage ID: two
 * deliveries of one record at once store it once (the unique key lets one in; the other finds it there).
 */
import { desc, eq, sql } from "drizzle-orm";
import type { ProviderMonthUsage, UsageListRow } from "../../domain/records.ts";
import type { UsageRepository } from "../../domain/repositories.ts";
import { allRows, type PgDb } from "./database.ts";
import { billingMonths, usageRecords } from "./schema.ts";

export function createPgUsageRepository(db: PgDb): UsageRepository {
  return {
    async insert(operatorId, row) {
      const inserted = await db
        .insert(usageRecords)
        .values({ operatorId, ...row })
        .onConflictDoNothing()
        .returning({ id: usageRecords.id });
      return inserted.length > 0;
    },
    async insertInOpenMonth(operatorId, row, month) {
      // The first month from `month` on that is not closed: walk month by month while the month is closed.
      const billingMonth = sql`(
        WITH RECURSIVE candidate(month) AS (
          SELECT ${month}::text
          UNION ALL
          SELECT to_char(to_date(candidate.month || '-01', 'YYYY-MM-DD') + interval '1 month', 'YYYY-MM')
            FROM candidate
           WHERE EXISTS (SELECT 1 FROM billing_months b WHERE b.operator_id = ${operatorId} AND b.month = candidate.month)
        )
        SELECT max(month) FROM candidate)`;
      const inserted = await db
        .insert(usageRecords)
        .values({ operatorId, ...row, billingMonth })
        .onConflictDoNothing()
        .returning({ id: usageRecords.id });
      return inserted.length > 0;
    },
    list(operatorId, { householdId, providerId, month, limit }) {
      const conditions = [sql`u.operator_id = ${operatorId}`];
      if (householdId !== undefined) conditions.push(sql`c.household_id = ${householdId}`);
      if (providerId) conditions.push(sql`u.provider_id = ${providerId}`);
      if (month) conditions.push(sql`u.billing_month = ${month}`);
      return allRows<UsageListRow>(
        db,
        sql`
        SELECT u.usage_id AS "usageId", u.cable_id AS "cableId", u.provider_id AS "providerId",
          u.provider_name AS "providerName", u.service_id AS "serviceId", u.kind, u.amount_yen AS "amountYen",
          u.tax_rate_percent AS "taxRatePercent", u.description, u.occurred_at AS "occurredAt",
          u.reverses_usage_id AS "reversesUsageId", u.billing_month AS "billingMonth",
          h.contract_id AS "contractId", c.household_id AS "householdId",
          r.usage_id AS "reversedByUsageId", r.occurred_at AS "reversedAt", o.occurred_at AS "reversedChargeAt"
        FROM usage_records u
        LEFT JOIN usage_records r ON u.kind = 'charge' AND r.id = (
          SELECT min(x.id) FROM usage_records x
          WHERE x.operator_id = u.operator_id AND x.reverses_usage_id = u.usage_id AND x.kind = 'reversal')
        LEFT JOIN usage_records o ON u.kind = 'reversal' AND o.operator_id = u.operator_id
          AND o.usage_id = u.reverses_usage_id
        LEFT JOIN cable_ids c ON c.operator_id = u.operator_id AND c.cable_id = u.cable_id
        LEFT JOIN households h ON h.id = c.household_id
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY u.occurred_at DESC, u.id DESC LIMIT ${limit}`,
      );
    },
    async closedMonths(operatorId) {
      const rows = await db
        .select({ month: billingMonths.month })
        .from(billingMonths)
        .where(eq(billingMonths.operatorId, operatorId));
      return new Set(rows.map((r) => r.month));
    },
    byProviderAndMonth(operatorId) {
      return allRows<ProviderMonthUsage>(
        db,
        sql`
        SELECT billing_month AS month, provider_id AS "providerId", max(provider_name) AS "providerName",
          sum(CASE kind WHEN 'charge' THEN 1 ELSE 0 END)::int AS count,
          sum(CASE kind WHEN 'reversal' THEN -amount_yen ELSE amount_yen END)::bigint AS "amountYen"
        FROM usage_records WHERE operator_id = ${operatorId}
        GROUP BY billing_month, provider_id ORDER BY billing_month, provider_id`,
      ).then((rows) => rows.map((row) => ({ ...row, amountYen: Number(row.amountYen) })));
    },
    providers(operatorId) {
      return db
        .selectDistinct({ providerId: usageRecords.providerId, providerName: usageRecords.providerName })
        .from(usageRecords)
        .where(eq(usageRecords.operatorId, operatorId))
        .orderBy(desc(usageRecords.providerId), desc(usageRecords.providerName));
    },
  };
}
