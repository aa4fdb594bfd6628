/**
 * @module Dashboard, assisted registration, usage, audit log (admin) and settings (admin).
 */

import { isInvoiceRegistrationNumber } from "@catv/contracts/invoice-tax";
import { stringify } from "csv-stringify/sync";
import { type Context, Hono } from "hono";
import { audit } from "../domain/context.ts";
import { openAssistedRegistration } from "../domain/open-assisted-registration.ts";
import type { FeeStatement } from "../domain/pf-client.ts";
import { ConsoleError } from "../errors.ts";
import { AssistedPage, AuditPage, Dashboard, SettingsPage, UsagePage } from "../views/misc-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, intParam, render } from "./render.tsx";
import { requireAdmin } from "./session.ts";

export const miscRoutes = new Hono<ConsoleEnv>();

miscRoutes.get("/", (c) => {
  const { repos } = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  // Logins are metered by the PF; the console learns them from the PF's monthly fee statements.
  const logins = repos.pfSync.listFeeStatements(operatorId).map(({ month, body }) => {
    const statement = JSON.parse(body) as FeeStatement;
    const count = statement.lines
      .filter((l) => /login|ログイン/i.test(`${l.item} ${l.description}`))
      .reduce((n, l) => n + l.count, 0);
    return { month, count };
  });
  return render(
    c,
    "ダッシュボード",
    <Dashboard
      data={{
        households: repos.households.count(operatorId),
        cableIdCounts: repos.cableIds.countByStatus(operatorId),
        openReviews: repos.cableIds.openReviewCount(operatorId),
        pendingDeliveries: repos.pfSync.openLinkCount(operatorId),
        registrations: repos.cableIds.registrationsByMonth(operatorId),
        logins,
        usage: repos.usage.byProviderAndMonth(operatorId),
      }}
    />,
  );
});

function assistedPage(
  c: Context<ConsoleEnv>,
  extra: {
    selected?: string;
    opened?: { registrationSessionId: string; expiresAt: string; terminalId: string };
    error?: string;
  },
  status: 200 | 400 | 502 = 200,
) {
  const { repos } = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  const q = c.req.query("q") ?? "";
  const selected = extra.selected ?? c.req.query("member");
  const byName = q.trim()
    ? [
        ...repos.households.searchMembers(operatorId, { name: q }, 30),
        ...repos.households.searchMembers(operatorId, { address: q }, 10),
      ]
    : [];
  const byContract = q.trim() ? repos.households.getByContractId(operatorId, q.trim()) : undefined;
  const picked = selected ? repos.households.memberByMemberId(operatorId, selected) : undefined;
  const pickedRows = picked
    ? repos.households.searchMembers(operatorId, { name: picked.name, birthDate: picked.birthDate }, 5)
    : [];
  const contractRows = byContract
    ? byContract.members.flatMap((m) =>
        repos.households.searchMembers(operatorId, { name: m.name, birthDate: m.birthDate }, 5),
      )
    : [];
  const seen = new Set<string>();
  const members = [...pickedRows, ...contractRows, ...byName].filter(
    (m) => m.status === "active" && !seen.has(m.memberId) && seen.add(m.memberId),
  );
  return render(
    c,
    "代理登録（STB）",
    <AssistedPage
      csrf={c.get("csrfToken")}
      terminals={c.get("operator").terminalIds}
      query={q}
      members={members}
      selected={selected}
      recent={repos.pfSync.listAssisted(operatorId, 20)}
      opened={extra.opened}
      error={extra.error}
    />,
    status,
  );
}

miscRoutes.get("/assisted", (c) => assistedPage(c, {}));

miscRoutes.post("/assisted", async (c) => {
  const body = await c.req.parseBody();
  const memberId = typeof body.memberId === "string" ? body.memberId : "";
  const terminalId = typeof body.terminalId === "string" ? body.terminalId : "";
  try {
    const opened = await openAssistedRegistration(c.get("deps"), c.get("actor"), { memberId, terminalId });
    return assistedPage(c, { selected: memberId, opened: { ...opened, terminalId } });
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.code === "not_found") throw error;
    return assistedPage(c, { selected: memberId, error: error.message }, error.status === 400 ? 400 : 502);
  }
});

miscRoutes.get("/usage", (c) => {
  const { repos } = c.get("deps");
  const operatorId = c.get("actor").operatorId;
  const household = c.req.query("household") ?? "";
  const provider = c.req.query("provider") ?? "";
  const month = /^[0-9]{4}-[0-9]{2}$/.test(c.req.query("month") ?? "") ? (c.req.query("month") ?? "") : "";
  const householdId = household ? intParam(household) : undefined;
  if (householdId !== undefined && !repos.households.get(operatorId, householdId)) {
    throw new ConsoleError("not_found", "世帯が見つかりません。");
  }
  const rows = repos.usage.list(operatorId, {
    ...(householdId !== undefined ? { householdId } : {}),
    ...(provider ? { providerId: provider } : {}),
    ...(month ? { month } : {}),
    limit: 500,
  });
  return render(
    c,
    "サービス利用実績",
    <UsagePage
      rows={rows}
      providers={repos.usage.providers(operatorId)}
      filter={{ household, provider, month }}
    />,
  );
});

const auditFilter = (c: { req: { query: (k: string) => string | undefined } }) => ({
  action: c.req.query("action") ?? "",
  staff: c.req.query("staff") ?? "",
  from: /^\d{4}-\d{2}-\d{2}$/.test(c.req.query("from") ?? "") ? (c.req.query("from") ?? "") : "",
  to: /^\d{4}-\d{2}-\d{2}$/.test(c.req.query("to") ?? "") ? (c.req.query("to") ?? "") : "",
});

miscRoutes.get("/audit", requireAdmin, (c) => {
  const filter = auditFilter(c);
  const rows = c.get("deps").repos.audit.list(c.get("actor").operatorId, { ...filter, limit: 500 });
  return render(c, "監査ログ", <AuditPage rows={rows} filter={filter} />);
});

miscRoutes.get("/audit.csv", requireAdmin, (c) => {
  const deps = c.get("deps");
  const actor = c.get("actor");
  const rows = deps.repos.audit.list(actor.operatorId, { ...auditFilter(c), limit: 100_000 });
  const csv = stringify(
    rows.map((a) => [a.at, a.staffLoginId, a.action, a.contractId ?? "", a.detail, a.requestId]),
    {
      header: true,
      columns: ["at", "staff_login_id", "action", "contract_id", "detail", "request_id"],
      record_delimiter: "\r\n",
    },
  );
  audit(deps, actor, "audit.export", { detail: `監査ログCSV ${rows.length}行` });
  return c.body(`\uFEFF${csv}`, 200, {
    "content-type": "text/csv; charset=UTF-8",
    "content-disposition": 'attachment; filename="audit-log.csv"',
  });
});

miscRoutes.get("/settings", requireAdmin, (c) => {
  const operator = c.get("operator");
  return render(
    c,
    "設定",
    <SettingsPage
      csrf={c.get("csrfToken")}
      registrationNumber={operator.invoiceRegistrationNumber}
      feeBasisPoints={operator.collectionFeeBasisPoints}
      ok={flash(c)}
    />,
  );
});

miscRoutes.post("/settings", requireAdmin, async (c) => {
  const body = await c.req.parseBody();
  const registrationNumber =
    typeof body.registrationNumber === "string" ? body.registrationNumber.trim() : "";
  const percent = Number(body.feePercent);
  const basisPoints = Math.round(percent * 100);
  const error = !isInvoiceRegistrationNumber(registrationNumber)
    ? "登録番号は T と13桁の法人番号（先頭はチェックデジット）です。"
    : !Number.isFinite(percent) || basisPoints < 0 || basisPoints > 5000
      ? "手数料率は 0〜50% で入力してください。"
      : undefined;
  if (error) {
    return render(
      c,
      "設定",
      <SettingsPage
        csrf={c.get("csrfToken")}
        registrationNumber={registrationNumber}
        feeBasisPoints={basisPoints || 0}
        error={error}
      />,
      400,
    );
  }
  const deps = c.get("deps");
  const actor = c.get("actor");
  deps.repos.transaction(() => {
    deps.repos.accounts.updateOperatorSettings(actor.operatorId, {
      invoiceRegistrationNumber: registrationNumber,
      collectionFeeBasisPoints: basisPoints,
    });
    audit(deps, actor, "settings.update", {
      detail: `登録番号 ${registrationNumber} / 手数料率 ${basisPoints}bp`,
    });
  });
  return c.redirect(`/settings?ok=${encodeURIComponent("保存しました。")}`, 303);
});
