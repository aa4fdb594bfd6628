/**
 * @module Billing pages: months and close, a closed month with settlements and statements, statement print view,
 * statement CSV, settlement resend, and the PF's fee statement.
 */

import { yearMonthSchema } from "@catv/contracts";
import { jstMonth, previousMonth } from "@catv/contracts/calendar";
import { stringify } from "csv-stringify/sync";
import { Hono } from "hono";
import { closeMonth } from "../domain/close-month.ts";
import { audit } from "../domain/context.ts";
import { deliverToPf } from "../domain/deliver-to-pf.ts";
import { fetchFeeStatement } from "../domain/fetch-fee-statement.ts";
import { ConsoleError } from "../errors.ts";
import { BillingMonths, FeeStatementPage, MonthPage, StatementPage } from "../views/billing-views.tsx";
import { monthLabel } from "../views/layout.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, intParam, render } from "./render.tsx";
import { requireAdmin } from "./session.ts";

export const billingRoutes = new Hono<ConsoleEnv>();
const pageSize = 100;

const recentMonths = (now: Date, count: number) => {
  const months: string[] = [];
  let m = previousMonth(jstMonth(now));
  for (let i = 0; i < count; i++) {
    months.push(m);
    m = previousMonth(m);
  }
  return months;
};

const monthParam = (value: string | undefined) => {
  const parsed = yearMonthSchema.safeParse(value);
  if (!parsed.success) throw new ConsoleError("not_found", "請求月が正しくありません。");
  return parsed.data;
};

billingRoutes.get("/billing", (c) => {
  const deps = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  const months = deps.repos.billing.listMonths(operatorId);
  const closed = new Set(months.map((m) => m.month));
  const closable = recentMonths(deps.now(), 12)
    .filter((m) => !closed.has(m))
    .reverse();
  return render(
    c,
    "月次締め・請求書",
    <BillingMonths
      months={months}
      closable={closable}
      isAdmin={c.get("staff").role === "admin"}
      feeRate={c.get("operator").collectionFeeBasisPoints}
      csrf={c.get("csrfToken")}
      ok={flash(c)}
    />,
  );
});

billingRoutes.post("/billing/close", requireAdmin, async (c) => {
  const body = await c.req.parseBody();
  const month = yearMonthSchema.safeParse(body.month);
  if (!month.success) throw new ConsoleError("validation_failed", "締める月を選んでください。");
  const deps = c.get("deps");
  const result = closeMonth(deps, c.get("actor"), month.data);
  // Settlements go to the PF after the close has committed; failures are retried by the background loop.
  void deliverToPf(deps).catch((error) =>
    deps.log("warn", "delivery after close failed", { error: String(error) }),
  );
  const ok = result.alreadyClosed
    ? `${monthLabel(month.data)}は締め済みです（再計算していません）。`
    : `${monthLabel(month.data)}を締めました。請求書 ${result.statementCount}件。`;
  return c.redirect(`/billing/${month.data}?ok=${encodeURIComponent(ok)}`, 303);
});

billingRoutes.get("/billing/:month", (c) => {
  const deps = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  const month = deps.repos.billing.getMonth(operatorId, monthParam(c.req.param("month")));
  if (!month) throw new ConsoleError("not_found", "この月はまだ締められていません。");
  const q = c.req.query("q") ?? "";
  const offset = Math.max(0, Number(c.req.query("offset")) || 0);
  const { rows, total } = deps.repos.billing.listStatements(
    operatorId,
    month.month,
    q || undefined,
    pageSize,
    offset,
  );
  return render(
    c,
    `${monthLabel(month.month)}分 請求・精算`,
    <MonthPage
      month={month}
      settlements={deps.repos.billing.listSettlements(operatorId, month.month)}
      statements={rows}
      total={total}
      offset={offset}
      limit={pageSize}
      q={q}
      isAdmin={c.get("staff").role === "admin"}
      csrf={c.get("csrfToken")}
      ok={flash(c)}
    />,
  );
});

billingRoutes.post("/billing/:month/settlements/send", requireAdmin, async (c) => {
  const deps = c.get("deps");
  const actor = c.get("actor");
  const month = monthParam(c.req.param("month"));
  if (!deps.repos.billing.getMonth(actor.operatorId, month)) throw new ConsoleError("not_found");
  await deliverToPf(deps);
  audit(deps, actor, "settlement.send", { detail: `${month} の精算を送付` });
  const pending = deps.repos.billing
    .listSettlements(actor.operatorId, month)
    .filter((s) => s.status === "pending");
  const ok =
    pending.length === 0
      ? "精算をすべて送付しました。"
      : `${pending.length}件が未送付です（自動で再送します）。`;
  return c.redirect(`/billing/${month}?ok=${encodeURIComponent(ok)}`, 303);
});

billingRoutes.get("/billing/:month/statements/:householdId{[0-9]+}", (c) => {
  const deps = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  const month = monthParam(c.req.param("month"));
  const closed = deps.repos.billing.getMonth(operatorId, month);
  const found = deps.repos.billing.getStatement(operatorId, month, intParam(c.req.param("householdId")));
  if (!closed || !found) throw new ConsoleError("not_found", "請求書が見つかりません。");
  return render(
    c,
    `請求書 ${found.statement.contractId}（${monthLabel(month)}分）`,
    <StatementPage
      operator={c.get("operator")}
      household={deps.repos.households.get(operatorId, found.statement.householdId)}
      statement={found.statement}
      lines={found.lines}
      issuedAt={closed.closedAt}
    />,
  );
});

billingRoutes.get("/billing/:month/statements.csv", (c) => {
  const deps = c.get("deps");
  const actor = c.get("actor");
  const month = monthParam(c.req.param("month"));
  if (!deps.repos.billing.getMonth(actor.operatorId, month)) throw new ConsoleError("not_found");
  const rows = deps.repos.billing
    .statementLinesForExport(actor.operatorId, month)
    .map((l) => [
      month,
      l.contractId,
      l.kind,
      l.providerId ?? "",
      l.usageId ?? "",
      l.description,
      l.amountYen,
      l.taxRatePercent,
    ]);
  const csv = stringify(rows, {
    header: true,
    columns: [
      "month",
      "contract_id",
      "kind",
      "provider_id",
      "usage_id",
      "description",
      "amount_yen",
      "tax_rate_percent",
    ],
    record_delimiter: "\r\n",
  });
  audit(deps, actor, "statement.export", { detail: `${month} 請求明細CSV ${rows.length}行` });
  return c.body(`\uFEFF${csv}`, 200, {
    "content-type": "text/csv; charset=UTF-8",
    "content-disposition": `attachment; filename="statements-${month}.csv"`,
  });
});

billingRoutes.get("/pf-fees", async (c) => {
  const deps = c.get("deps");
  const months = recentMonths(deps.now(), 12);
  const requested = c.req.query("month");
  const month = requested && months.includes(requested) ? requested : (months[0] ?? jstMonth(deps.now()));
  try {
    const result = await fetchFeeStatement(deps, c.get("actor"), month);
    return render(c, "共通的PF利用料", <FeeStatementPage month={month} months={months} result={result} />);
  } catch (error) {
    if (!(error instanceof ConsoleError)) throw error;
    return render(
      c,
      "共通的PF利用料",
      <FeeStatementPage month={month} months={months} error={error.message} />,
      502,
    );
  }
});
