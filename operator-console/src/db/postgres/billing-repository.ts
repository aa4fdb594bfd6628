/**
 * @module PostgreSQL storage side of the monthly close: the SQLite repository's set-based SQL (one INSERT … SELECT
 * per step, inside the close's unit of work) in PostgreSQL's dialect — counts by FILTER, `UPDATE … FROM` a CTE,
 * the invoice-tax rule as the SQL function `included_tax` its migration creates — plus reads of the frozen
 * statements and settlements.
 */
import { startOfJstMonth } from "@catv/contracts/calendar";
import { and, asc, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { ProviderTotals, SettlementRecord } from "../../domain/records.ts";
import type { BillingRepository } from "../../domain/repositories.ts";
import { allRows, type PgDb } from "./database.ts";
import { billingMonths, settlements, statementLines, statements } from "./schema.ts";

/** The close's statements for one operator's month, with the month's bounds as parameters. */
function closeQueries(operatorId: string, month: string) {
  const monthStart = `${month}-01`;
  const monthBegins = startOfJstMonth(month).toISOString();
  const monthStatements = sql`SELECT id FROM statements WHERE operator_id = ${operatorId} AND month = ${month}`;
  // The month's cable fee is billed to a household in service on the month's 1st that was not closed before that
  // day (the month of closing is billed in full) — the same rule as the SQLite close.
  const billsCableFee = sql`h.service_start_date <= ${monthStart} AND (h.status = 'active' OR h.closed_at >= ${monthBegins})`;
  const hasUsage = sql`EXISTS (
      SELECT 1 FROM cable_ids c JOIN usage_records u ON u.operator_id = c.operator_id AND u.cable_id = c.cable_id
      WHERE c.operator_id = ${operatorId} AND c.household_id = h.id AND u.billing_month = ${month})`;
  const statementColumns = sql`operator_id, month, household_id, contract_id, address,
      total10_yen, tax10_yen, total8_yen, tax8_yen, total0_yen, total_yen`;
  return {
    monthStatements,
    insertStatements: sql`
      INSERT INTO statements (${statementColumns})
      SELECT h.operator_id, ${month}, h.id, h.contract_id, h.address, 0, 0, 0, 0, 0, 0
      FROM households h WHERE h.operator_id = ${operatorId} AND ${billsCableFee}`,
    insertUsageOnly: sql`
      INSERT INTO statements (${statementColumns})
      SELECT h.operator_id, ${month}, h.id, h.contract_id, h.address, 0, 0, 0, 0, 0, 0
      FROM households h WHERE h.operator_id = ${operatorId} AND NOT (${billsCableFee}) AND ${hasUsage}`,
    insertCableFees: sql`
      INSERT INTO statement_lines (statement_id, kind, usage_id, provider_id, description, amount_yen, tax_rate_percent)
      SELECT s.id, 'cable_fee', NULL, NULL, 'ケーブルテレビ利用料（' || h.plan || '）', h.monthly_fee_yen, 10
      FROM statements s JOIN households h ON h.id = s.household_id
      WHERE s.operator_id = ${operatorId} AND s.month = ${month} AND ${billsCableFee}`,
    insertUsageLines: sql`
      INSERT INTO statement_lines (statement_id, kind, usage_id, provider_id, description, amount_yen, tax_rate_percent)
      SELECT s.id, u.kind, u.usage_id, u.provider_id, u.provider_name || '：' || u.description,
        CASE u.kind WHEN 'reversal' THEN -u.amount_yen ELSE u.amount_yen END, u.tax_rate_percent
      FROM usage_records u
      JOIN cable_ids c ON c.operator_id = u.operator_id AND c.cable_id = u.cable_id
      JOIN statements s ON s.operator_id = u.operator_id AND s.month = ${month} AND s.household_id = c.household_id
      WHERE u.operator_id = ${operatorId} AND u.billing_month = ${month}`,
    // Tax once per rate per statement, by the invoice-tax rule (included_tax, drizzle/pg's custom migration).
    updateTotals: sql`
      WITH agg AS (
        SELECT statement_id,
          sum(CASE WHEN tax_rate_percent = 10 THEN amount_yen ELSE 0 END) AS t10,
          sum(CASE WHEN tax_rate_percent = 8 THEN amount_yen ELSE 0 END) AS t8,
          sum(CASE WHEN tax_rate_percent NOT IN (8, 10) THEN amount_yen ELSE 0 END) AS t0
        FROM statement_lines WHERE statement_id IN (${monthStatements}) GROUP BY statement_id)
      UPDATE statements SET total10_yen = agg.t10, tax10_yen = included_tax(agg.t10, 10), total8_yen = agg.t8,
        tax8_yen = included_tax(agg.t8, 8), total0_yen = agg.t0, total_yen = agg.t10 + agg.t8 + agg.t0
      FROM agg WHERE statements.id = agg.statement_id`,
    monthTotals: sql`
      SELECT count(*)::int AS n, coalesce(sum(total_yen), 0)::bigint AS total
      FROM statements WHERE operator_id = ${operatorId} AND month = ${month}`,
    forecastFees: sql`
      SELECT count(*)::int AS households, coalesce(sum(h.monthly_fee_yen), 0)::bigint AS yen
      FROM households h WHERE h.operator_id = ${operatorId} AND ${billsCableFee}`,
    forecastUsageOnly: sql`
      SELECT count(*)::int AS households FROM households h
      WHERE h.operator_id = ${operatorId} AND NOT (${billsCableFee}) AND ${hasUsage}`,
  };
}

export function createPgBillingRepository(db: PgDb): BillingRepository {
  const run = (query: SQL) => db.execute(query);
  return {
    async getMonth(operatorId, month) {
      const [row] = await db
        .select()
        .from(billingMonths)
        .where(and(eq(billingMonths.operatorId, operatorId), eq(billingMonths.month, month)));
      return row;
    },
    listMonths(operatorId) {
      return db
        .select()
        .from(billingMonths)
        .where(eq(billingMonths.operatorId, operatorId))
        .orderBy(desc(billingMonths.month));
    },
    async writeStatements(operatorId, month) {
      const q = closeQueries(operatorId, month);
      // The close's totals sort a month of lines by statement; in memory rather than in temporary files (the
      // SQLite close's page cache, likewise). SET LOCAL ends with the close's unit of work.
      await run(sql`SET LOCAL work_mem = '64MB'`);
      await run(q.insertStatements);
      await run(q.insertUsageOnly);
      await run(q.insertCableFees);
      await run(q.insertUsageLines);
      await run(q.updateTotals);
      const [totals] = await allRows<{ n: number; total: string }>(db, q.monthTotals);
      return { statementCount: totals?.n ?? 0, totalYen: Number(totals?.total ?? 0) };
    },
    async forecastClose(operatorId, month) {
      const q = closeQueries(operatorId, month);
      const [fees] = await allRows<{ households: number; yen: string }>(db, q.forecastFees);
      const [usageOnly] = await allRows<{ households: number }>(db, q.forecastUsageOnly);
      return {
        feeHouseholds: fees?.households ?? 0,
        cableFeesYen: Number(fees?.yen ?? 0),
        usageOnlyHouseholds: usageOnly?.households ?? 0,
      };
    },
    async providerTotals(operatorId, month) {
      const rows = await allRows<Omit<ProviderTotals, "grossYen"> & { grossYen: string }>(
        db,
        sql`
        SELECT u.provider_id AS "providerId", max(u.provider_name) AS "providerName",
          (count(*) FILTER (WHERE c.household_id IS NOT NULL AND u.kind = 'charge'))::int AS "recordsCollected",
          (count(*) FILTER (WHERE c.household_id IS NOT NULL AND u.kind = 'reversal'))::int AS reversals,
          (count(*) FILTER (WHERE c.household_id IS NULL))::int AS uncollected,
          coalesce(sum(CASE WHEN c.household_id IS NULL THEN 0 WHEN u.kind = 'reversal' THEN -u.amount_yen
            ELSE u.amount_yen END), 0)::bigint AS "grossYen"
        FROM usage_records u
        LEFT JOIN cable_ids c ON c.operator_id = u.operator_id AND c.cable_id = u.cable_id
        WHERE u.operator_id = ${operatorId} AND u.billing_month = ${month}
        GROUP BY u.provider_id ORDER BY u.provider_id`,
      );
      return rows.map((row) => ({ ...row, grossYen: Number(row.grossYen) }));
    },
    async recordMonth(operatorId, row) {
      await db.insert(billingMonths).values({ operatorId, ...row });
    },
    async insertSettlement(row) {
      await db.insert(settlements).values(row);
    },
    listSettlements(operatorId, month) {
      return db
        .select()
        .from(settlements)
        .where(
          month
            ? and(eq(settlements.operatorId, operatorId), eq(settlements.month, month))
            : eq(settlements.operatorId, operatorId),
        )
        .orderBy(desc(settlements.month), asc(settlements.providerId));
    },
    pendingSettlements() {
      return db
        .select()
        .from(settlements)
        .where(eq(settlements.status, "pending"))
        .orderBy(asc(settlements.id));
    },
    async settlementRecords(operatorId, month, providerId) {
      const { monthStatements } = closeQueries(operatorId, month);
      const rows = await allRows<SettlementRecord & { occurredAt: string }>(
        db,
        sql`
        SELECT l.usage_id AS "usageId", CASE l.kind WHEN 'reversal' THEN 'reversed' ELSE 'collected' END AS status,
          abs(l.amount_yen) AS "amountYen", u.occurred_at AS "occurredAt"
        FROM statement_lines l JOIN usage_records u ON u.operator_id = ${operatorId} AND u.usage_id = l.usage_id
        WHERE l.statement_id IN (${monthStatements}) AND l.provider_id = ${providerId}
        UNION ALL
        SELECT u.usage_id, 'uncollected', u.amount_yen, u.occurred_at
        FROM usage_records u
        WHERE u.operator_id = ${operatorId} AND u.billing_month = ${month} AND u.provider_id = ${providerId}
          AND u.usage_id NOT IN (SELECT usage_id FROM statement_lines
            WHERE statement_id IN (${monthStatements}) AND usage_id IS NOT NULL)
        ORDER BY "occurredAt", "usageId"`,
      );
      return rows.map(({ usageId, status, amountYen }) => ({ usageId, status, amountYen }));
    },
    async markSettlementAttempt(id, { accepted, pfSettlementId, error, at }) {
      await db
        .update(settlements)
        .set({
          attempts: sql`${settlements.attempts} + 1`,
          ...(accepted
            ? {
                status: "accepted" as const,
                pfSettlementId: pfSettlementId ?? null,
                sentAt: at,
                lastError: null,
              }
            : { lastError: error ?? "unknown" }),
        })
        .where(eq(settlements.id, id));
    },
    async listStatements(operatorId, month, q, limit, offset) {
      const where = and(
        eq(statements.operatorId, operatorId),
        eq(statements.month, month),
        q ? ilike(statements.contractId, `%${q}%`) : undefined,
      );
      const rows = await db
        .select()
        .from(statements)
        .where(where)
        .orderBy(asc(statements.contractId))
        .limit(limit)
        .offset(offset);
      const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(statements).where(where);
      return { rows, total: total?.n ?? 0 };
    },
    async getStatement(operatorId, month, householdId) {
      const [statement] = await db
        .select()
        .from(statements)
        .where(
          and(
            eq(statements.operatorId, operatorId),
            eq(statements.month, month),
            eq(statements.householdId, householdId),
          ),
        );
      if (!statement) return undefined;
      const lines = await db
        .select()
        .from(statementLines)
        .where(eq(statementLines.statementId, statement.id))
        .orderBy(asc(statementLines.id));
      return { statement, lines };
    },
    statementsForHousehold(operatorId, householdId) {
      return db
        .select()
        .from(statements)
        .where(and(eq(statements.operatorId, operatorId), eq(statements.householdId, householdId)))
        .orderBy(desc(statements.month));
    },
    statementLinesForExport(operatorId, month) {
      return db
        .select({
          id: statementLines.id,
          statementId: statementLines.statementId,
          kind: statementLines.kind,
          usageId: statementLines.usageId,
          providerId: statementLines.providerId,
          description: statementLines.description,
          amountYen: statementLines.amountYen,
          taxRatePercent: statementLines.taxRatePercent,
          contractId: statements.contractId,
        })
        .from(statementLines)
        .innerJoin(statements, eq(statements.id, statementLines.statementId))
        .where(and(eq(statements.operatorId, operatorId), eq(statements.month, month)))
        .orderBy(asc(statements.contractId), asc(statementLines.id));
    },
  };
}
