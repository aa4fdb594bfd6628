/**
 * @module Billing pages: months and close, a closed month with settlements and statements, statement print view,
 * statement CSV, settlement resend, and the PF's fee statement.
 */

import { yearMonthSchema } from "@catv/contracts";
import { jstMonth, monthsBefore } from "@catv/contracts/calendar";
import { Hono } from "hono";
import { closeMonth } from "../domain/close-month.ts";
import { deliverToPf } from "../domain/deliver-to-pf.ts";
import { exportStatements } from "../domain/export-statements.ts";
import { fetchFeeStatement } from "../domain/fetch-fee-statement.ts";
import { listBillingMonths } from "../domain/list-billing-months.ts";
import { previewMonthClose } from "../domain/preview-month-close.ts";
import { sendSettlements } from "../domain/send-settlements.ts";
import { showBillingMonth } from "../domain/show-billing-month.ts";
import { showStatement } from "../domain/show-statement.ts";
import { ConsoleError } from "../errors.ts";
import {
  BillingMonths,
  CloseConfirmation,
  FeeStatementPage,
  MonthPage,
  StatementPage,
} from "../views/billing-views.tsx";
import { monthLabel } from "../views/layout.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, intParam, render } from "./render.tsx";
import { requireAdmin } from "./session.ts";

export const billingRoutes = new Hono<ConsoleEnv>();
const pageSize = 100;

const monthParam = (value: string | undefined) => {
  const parsed = yearMonthSchema.safeParse(value);
  if (!parsed.success) throw new ConsoleError("not_found", "請求月が正しくありません。");
  return parsed.data;
};

billingRoutes.get("/billing", async (c) => {
  const data = await listBillingMonths(c.get("deps"), c.get("actor").operatorId);
  return render(
    c,
    "月次締め・請求書",
    <BillingMonths
      data={data}
      isAdmin={c.get("staff").role === "admin"}
      feeRate={c.get("operator").collectionFeeBasisPoints}
      ok={flash(c)}
    />,
  );
});

billingRoutes.get("/billing/close", requireAdmin, async (c) => {
  const month = yearMonthSchema.safeParse(c.req.query("month"));
  if (!month.success) throw new ConsoleError("validation_failed", "締める月を選んでください。");
  const preview = await previewMonthClose(c.get("deps"), c.get("actor").operatorId, month.data);
  return render(
    c,
    `月次締めの確認（${monthLabel(month.data)}分）`,
    <CloseConfirmation preview={preview} csrf={c.get("csrfToken")} />,
  );
});

billingRoutes.post("/billing/close", requireAdmin, async (c) => {
  const body = await c.req.parseBody();
  const month = yearMonthSchema.safeParse(body.month);
  if (!month.success) throw new ConsoleError("validation_failed", "締める月を選んでください。");
  // A close cannot be undone: only the confirmation page, which shows what it bills, sends confirm=1.
  if (body.confirm !== "1") return c.redirect(`/billing/close?month=${month.data}`, 303);
  const deps = c.get("deps");
  const result = await closeMonth(deps, c.get("actor"), month.data);
  // Settlements go to the PF after the close has committed; failures are retried by the background loop.
  void deliverToPf(deps).catch((error) =>
    deps.log("warn", "delivery after close failed", { error: String(error) }),
  );
  const ok = result.alreadyClosed
    ? `${monthLabel(month.data)}は締め済みです（再計算していません）。`
    : `${monthLabel(month.data)}を締めました。請求書 ${result.statementCount}件。`;
  return c.redirect(`/billing/${month.data}?ok=${encodeURIComponent(ok)}`, 303);
});

billingRoutes.get("/billing/:month", async (c) => {
  const q = c.req.query("q") ?? "";
  const offset = Math.max(0, Number(c.req.query("offset")) || 0);
  const { month, settlements, statements, total } = await showBillingMonth(
    c.get("deps"),
    c.get("actor").operatorId,
    monthParam(c.req.param("month")),
    { q, offset, limit: pageSize },
  );
  return render(
    c,
    `${monthLabel(month.month)}分 請求・精算`,
    <MonthPage
      month={month}
      settlements={settlements}
      statements={statements}
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
  const month = monthParam(c.req.param("month"));
  const { pending } = await sendSettlements(c.get("deps"), c.get("actor"), month);
  const ok = pending === 0 ? "精算をすべて送付しました。" : `${pending}件が未送付です（自動で再送します）。`;
  return c.redirect(`/billing/${month}?ok=${encodeURIComponent(ok)}`, 303);
});

billingRoutes.get("/billing/:month/statements/:householdId{[0-9]+}", async (c) => {
  const month = monthParam(c.req.param("month"));
  const found = await showStatement(
    c.get("deps"),
    c.get("actor").operatorId,
    month,
    intParam(c.req.param("householdId")),
  );
  return render(
    c,
    `請求書 ${found.statement.contractId}（${monthLabel(month)}分）`,
    <StatementPage
      operator={c.get("operator")}
      household={found.household}
      statement={found.statement}
      lines={found.lines}
      issuedAt={found.issuedAt}
    />,
  );
});

billingRoutes.get("/billing/:month/statements.csv", async (c) => {
  const month = monthParam(c.req.param("month"));
  return c.body(await exportStatements(c.get("deps"), c.get("actor"), month), 200, {
    "content-type": "text/csv; charset=UTF-8",
    "content-disposition": `attachment; filename="statements-${month}.csv"`,
  });
});

billingRoutes.get("/pf-fees", async (c) => {
  const deps = c.get("deps");
  // The month in progress first: its provisional statement is what staff follow during the month.
  const current = jstMonth(deps.now());
  const months = [current, ...monthsBefore(current, 12)];
  const requested = c.req.query("month");
  const month = requested && months.includes(requested) ? requested : current;
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
