/**
 * @module Service usage (サービス利用実績) as providers reported it through the PF.
 */
import { Hono } from "hono";
import { listUsage } from "../domain/list-usage.ts";
import { UsagePage } from "../views/usage-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { intParam, render } from "./render.tsx";

export const usageRoutes = new Hono<ConsoleEnv>();

usageRoutes.get("/usage", async (c) => {
  const household = c.req.query("household") ?? "";
  const provider = c.req.query("provider") ?? "";
  const month = /^[0-9]{4}-[0-9]{2}$/.test(c.req.query("month") ?? "") ? (c.req.query("month") ?? "") : "";
  const { rows, providers } = await listUsage(c.get("deps"), c.get("actor").operatorId, {
    householdId: household ? intParam(household) : undefined,
    providerId: provider,
    month,
  });
  return render(
    c,
    "サービス利用実績",
    <UsagePage rows={rows} providers={providers} filter={{ household, provider, month }} />,
  );
});
