/**
 * @module The records: the 照会履歴 of the eligibility API, and the audit log (admins only).
 */
import { Hono } from "hono";
import { listAuditLog } from "../domain/list-audit-log.ts";
import { listEligibilityRequests } from "../domain/list-eligibility-requests.ts";
import { AuditPage, EligibilityLogPage } from "../views/log-views.tsx";
import type { InsurerEnv } from "./env.ts";
import { offsetOf, pageContext } from "./page-context.ts";
import { requireAdmin } from "./session.ts";

export const logRoutes = new Hono<InsurerEnv>();

logRoutes.get("/eligibility-log", async (c) => {
  const offset = offsetOf(c);
  const page = await listEligibilityRequests(c.get("deps"), c.get("actor"), { offset, limit: 100 });
  return c.html(<EligibilityLogPage ctx={await pageContext(c)} page={page} offset={offset} limit={100} />);
});

logRoutes.get("/audit", requireAdmin, async (c) => {
  const offset = offsetOf(c);
  const page = await listAuditLog(c.get("deps"), c.get("actor"), { offset, limit: 100 });
  return c.html(<AuditPage ctx={await pageContext(c)} page={page} offset={offset} limit={100} />);
});
