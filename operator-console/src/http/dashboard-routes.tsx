/**
 * @module The dashboard (ダッシュボード), the console's home page.
 */
import { Hono } from "hono";
import { showDashboard } from "../domain/show-dashboard.ts";
import { Dashboard } from "../views/dashboard-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { render } from "./render.tsx";

export const dashboardRoutes = new Hono<ConsoleEnv>();

dashboardRoutes.get("/", async (c) =>
  render(
    c,
    "ダッシュボード",
    <Dashboard data={await showDashboard(c.get("deps"), c.get("actor").operatorId)} />,
  ),
);
