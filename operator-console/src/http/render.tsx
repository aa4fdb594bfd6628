/**
 * @module Renders a page inside the layout with the acting staff member's context.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { countOpenWork } from "../domain/count-open-work.ts";
import { Layout, type PageContext } from "../views/layout.tsx";
import type { ConsoleEnv } from "./env.ts";

export async function pageContext(c: Context<ConsoleEnv>): Promise<PageContext> {
  const { pendingLinks, openReviews } = await countOpenWork(c.get("deps"), c.get("actor").operatorId);
  return {
    operatorName: c.get("operator").name,
    staffName: c.get("staff").displayName,
    role: c.get("staff").role,
    csrfToken: c.get("csrfToken"),
    path: c.req.path,
    pendingLinks,
    openReviews,
  };
}

export async function render(
  c: Context<ConsoleEnv>,
  title: string,
  body: Child,
  status: 200 | 400 | 404 | 409 | 502 = 200,
) {
  return c.html(
    <Layout ctx={await pageContext(c)} title={title}>
      {body}
    </Layout>,
    status,
  );
}

/** `?ok=…` flash messages after a POST-redirect-GET. */
export const flash = (c: Context<ConsoleEnv>) => c.req.query("ok");

export const intParam = (value: string | undefined): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : -1;
};
