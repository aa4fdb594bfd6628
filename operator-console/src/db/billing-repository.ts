/**
 * @module Storage side of the monthly close: set-based SQL over the month's usage (one INSERT … SELECT per step,
 * inside one transaction) so that 100 000 households and a million usage records close in seconds, plus reads of
 * the frozen statements and settlements.
 */
import { startOfJstMonth } from "@catv/contracts/calendar";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { ProviderTotals, SettlementRecord } from "../domain/records.ts";
import type { BillingRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { billingMonths, settlements, statementLines, statements } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

/** The named parameters of the close's statements for one operator's month. */
const closeParameters = (operatorId: string, month: string) => ({
  op: operatorId,
  month,
  monthStart: `${month}-01`,
  monthBegins: startOfJstMonth(month).toISOString(),
});

export function createBillingRepository(db: Db): Synchronous<BillingRepository> {
  const client = db.$client;
  const monthStatements = `SELECT id FROM statements WHERE operator_id = @op AND month = @month`;
  // The month's cable fee is billed to a household in service on the month's 1st (a service beginning later that
  // month starts paying the next month) that was not closed before that day (the month of closing is billed in
  // full, whenever the month is closed). @monthStart is the JST date of the 1st, @monthBegins the instant it begins.
  const billsCableFee = `h.service_start_date <= @monthStart AND (h.status = 'active' OR h.closed_at >= @monthBegins)`;
  const hasUsage = `EXISTS (
      SELECT 1 FROM cable_ids c JOIN usage_records u ON u.operator_id = c.operator_id AND u.cable_id = c.cable_id
      WHERE c.operator_id = @op AND c.household_id = h.id AND u.billing_month = @month)`;
  // Households billed: those owing the cable fee, then the others that have linked usage this month (a first
  // month's bookings, a closed contract's last charges). Two statements, so the common case never builds a
  // million-entry IN list.
  const insertStatements = client.prepare(`
    INSERT INTO statements (operator_id, month, household_id, contract_id, address,
      total10_yen, tax10_yen, total8_yen, tax8_yen, total0_yen, total_yen)
    SELECT h.operator_id, @month, h.id, h.contract_id, h.address, 0, 0, 0, 0, 0, 0
    FROM households h WHERE h.operator_id = @op AND ${billsCableFee}`);
  const insertUsageOnly = client.prepare(`
    INSERT INTO statements (operator_id, month, household_id, contract_id, address,
      total10_yen, tax10_yen, total8_yen, tax8_yen, total0_yen, total_yen)
    SELECT h.operator_id, @month, h.id, h.contract_id, h.address, 0, 0, 0, 0, 0, 0
    FROM households h WHERE h.operator_id = @op AND NOT (${billsCableFee}) AND ${hasUsage}`);
  const insertCableFees = client.prepare(`
    INSERT INTO statement_lines (statement_id, kind, usage_id, provider_id, description, amount_yen, tax_rate_percent)
    SELECT s.id, 'cable_fee', NULL, NULL, 'ケーブルテレビ利用料（' || h.plan || '）', h.monthly_fee_yen, 10
    FROM statements s JOIN households h ON h.id = s.household_id
    WHERE s.operator_id = @op AND s.month = @month AND ${billsCableFee}`);
  const forecastFees = client.prepare(`
    SELECT count(*) AS households, coalesce(sum(h.monthly_fee_yen), 0) AS yen
    FROM households h WHERE h.operator_id = @op AND ${billsCableFee}`);
  const forecastUsageOnly = client.prepare(`
    SELECT count(*) AS households FROM households h
    WHERE h.operator_id = @op AND NOT (${billsCableFee}) AND ${hasUsage}`);
  const insertUsageLines = client.prepare(`
    INSERT INTO statement_lines (statement_id, kind, usage_id, provider_id, description, amount_yen, tax_rate_percent)
    SELECT s.id, u.kind, u.usage_id, u.provider_id, u.provider_name || '：' || u.description,
      CASE u.kind WHEN 'reversal' THEN -u.amount_yen ELSE u.amount_yen END, u.tax_rate_percent
    FROM usage_records u
    JOIN cable_ids c ON c.operator_id = u.operator_id AND c.cable_id = u.cable_id
    JOIN statements s ON s.operator_id = u.operator_id AND s.month = @month AND s.household_id = c.household_id
    WHERE u.operator_id = @op AND u.billing_month = @month`);
  // Tax once per rate per statement, by the invoice-tax rule (included_tax, registered in open-database.ts).
  const updateTotals = client.prepare(`
    WITH agg AS (
      SELECT statement_id,
        sum(CASE WHEN tax_rate_percent = 10 THEN amount_yen ELSE 0 END) AS t10,
        sum(CASE WHEN tax_rate_percent = 8 THEN amount_yen ELSE 0 END) AS t8,
        sum(CASE WHEN tax_rate_percent NOT IN (8, 10) THEN amount_yen ELSE 0 END) AS t0
      FROM statement_lines WHERE statement_id IN (${monthStatements}) GROUP BY statement_id)
    UPDATE statements SET total10_yen = agg.t10, tax10_yen = included_tax(agg.t10, 10), total8_yen = agg.t8,
      tax8_yen = included_tax(agg.t8, 8), total0_yen = agg.t0, total_yen = agg.t10 + agg.t8 + agg.t0
    FROM agg WHERE statements.id = agg.statement_id`);
  const monthTotals = client.prepare(
    `SELECT count(*) AS n, coalesce(sum(total_yen), 0) AS total FROM statements WHERE operator_id = @op AND month = @month`,
  );
  const providerTotals = client.prepare(`
    SELECT u.provider_id AS providerId, max(u.provider_name) AS providerName,
      sum(c.household_id IS NOT NULL AND u.kind = 'charge') AS recordsCollected,
      sum(c.household_id IS NOT NULL AND u.kind = 'reversal') AS reversals,
      sum(c.household_id IS NULL) AS uncollected,
      coalesce(sum(CASE WHEN c.household_id IS NULL THEN 0 WHEN u.kind = 'reversal' THEN -u.amount_yen
        ELSE u.amount_yen END), 0) AS grossYen
    FROM usage_records u
    LEFT JOIN cable_ids c ON c.operator_id = u.operator_id AND c.cable_id = u.cable_id
    WHERE u.operator_id = @op AND u.billing_month = @month
    GROUP BY u.provider_id ORDER BY u.provider_id`);
  // Billed records come from the frozen statement lines; the month's other records for the provider were not
  // billed (no household link at close). NOT IN over one month's lines builds a single temporary index, which is
  // cheaper than maintaining a permanent usage_id index on a million lines per close.
  const settlementRecords = client.prepare(`
    SELECT l.usage_id AS usageId, CASE l.kind WHEN 'reversal' THEN 'reversed' ELSE 'collected' END AS status,
      abs(l.amount_yen) AS amountYen, u.occurred_at AS occurredAt
    FROM statement_lines l JOIN usage_records u ON u.operator_id = @op AND u.usage_id = l.usage_id
    WHERE l.statement_id IN (${monthStatements}) AND l.provider_id = @provider
    UNION ALL
    SELECT u.usage_id, 'uncollected', u.amount_yen, u.occurred_at
    FROM usage_records u
    WHERE u.operator_id = @op AND u.billing_month = @month AND u.provider_id = @provider
      AND u.usage_id NOT IN (SELECT usage_id FROM statement_lines
        WHERE statement_id IN (${monthStatements}) AND usage_id IS NOT NULL)
    ORDER BY occurredAt, usageId`);

  return {
    getMonth(operatorId, month) {
      return db
        .select()
        .from(billingMonths)
        .where(and(eq(billingMonths.operatorId, operatorId), eq(billingMonths.month, month)))
        .get();
    },
    listMonths(operatorId) {
      return db
        .select()
        .from(billingMonths)
        .where(eq(billingMonths.operatorId, operatorId))
        .orderBy(desc(billingMonths.month))
        .all();
    },
    writeStatements(operatorId, month) {
      const params = closeParameters(operatorId, month);
      insertStatements.run(params);
      insertUsageOnly.run(params);
      insertCableFees.run(params);
      insertUsageLines.run(params);
      updateTotals.run(params);
      const totals = monthTotals.get(params) as { n: number; total: number };
      return { statementCount: totals.n, totalYen: totals.total };
    },
    forecastClose(operatorId, month) {
      const params = closeParameters(operatorId, month);
      const fees = forecastFees.get(params) as { households: number; yen: number };
      const usageOnly = forecastUsageOnly.get(params) as { households: number };
      return {
        feeHouseholds: fees.households,
        cableFeesYen: fees.yen,
        usageOnlyHouseholds: usageOnly.households,
      };
    },
    providerTotals(operatorId, month) {
      return providerTotals.all({ op: operatorId, month }) as ProviderTotals[];
    },
    recordMonth(operatorId, row) {
      db.insert(billingMonths)
        .values({ operatorId, ...row })
        .run();
    },
    insertSettlement(row) {
      db.insert(settlements).values(row).run();
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
        .orderBy(desc(settlements.month), asc(settlements.providerId))
        .all();
    },
    pendingSettlements() {
      return db.select().from(settlements).where(eq(settlements.status, "pending")).all();
    },
    settlementRecords(operatorId, month, providerId) {
      return (
        settlementRecords.all({ op: operatorId, month, provider: providerId }) as (SettlementRecord & {
          occurredAt: string;
        })[]
      ).map(({ usageId, status, amountYen }) => ({ usageId, status, amountYen }));
    },
    markSettlementAttempt(id, { accepted, pfSettlementId, error, at }) {
      db.update(settlements)
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
        .where(eq(settlements.id, id))
        .run();
    },
    listStatements(operatorId, month, q, limit, offset) {
      const where = and(
        eq(statements.operatorId, operatorId),
        eq(statements.month, month),
        q ? sql`${statements.contractId} LIKE ${`%${q}%`}` : undefined,
      );
      const rows = db
        .select()
        .from(statements)
        .where(where)
        .orderBy(asc(statements.contractId))
        .limit(limit)
        .offset(offset)
        .all();
      const total = db.select({ n: sql<number>`count(*)` }).from(statements).where(where).get()?.n;
      return { rows, total: total ?? 0 };
    },
    getStatement(operatorId, month, householdId) {
      const statement = db
        .select()
        .from(statements)
        .where(
          and(
            eq(statements.operatorId, operatorId),
            eq(statements.month, month),
            eq(statements.householdId, householdId),
          ),
        )
        .get();
      if (!statement) return undefined;
      const lines = db
        .select()
        .from(statementLines)
        .where(eq(statementLines.statementId, statement.id))
        .orderBy(asc(statementLines.id))
        .all();
      return { statement, lines };
    },
    statementsForHousehold(operatorId, householdId) {
      return db
        .select()
        .from(statements)
        .where(and(eq(statements.operatorId, operatorId), eq(statements.householdId, householdId)))
        .orderBy(desc(statements.month))
        .all();
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
        .orderBy(asc(statements.contractId), asc(statementLines.id))
        .all();
    },
  };
}
