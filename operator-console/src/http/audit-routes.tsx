/**
 * @module The audit log (監査ログ) for administrators, on screen and as CSV.
 */
import { Hono } from "hono";
import { exportAuditLog } from "../domain/export-audit-log.ts";
import { type AuditFilter, listAuditLog } from "../domain/list-audit-log.ts";
import { AuditPage } from "../views/audit-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { render } from "./render.tsx";
import { requireAdmin } from "./session.ts";

export const auditRoutes = new Hono<ConsoleEnv>();

const isoDate = (value: string | undefined) => (/^\d{4}-\d{2}-\d{2}$/.test(value ?? "") ? (value ?? "") : "");

const auditFilter = (c: { req: { query: (k: string) => string | undefined } }): AuditFilter => ({
  action: c.req.query("action") ?? "",
  staff: c.req.query("staff") ?? "",
  from: isoDate(c.req.query("from")),
  to: isoDate(c.req.query("to")),
});

auditRoutes.get("/audit", requireAdmin, async (c) => {
  const filter = auditFilter(c);
  const rows = await listAuditLog(c.get("deps"), c.get("actor").operatorId, filter);
  return render(c, "監査ログ", <AuditPage rows={rows} filter={filter} />);
});

auditRoutes.get("/audit.csv", requireAdmin, async (c) =>
  c.body(await exportAuditLog(c.get("deps"), c.get("actor"), auditFilter(c)), 200, {
    "content-type": "text/csv; charset=UTF-8",
    "content-disposition": 'attachment; filename="audit-log.csv"',
  }),
);
