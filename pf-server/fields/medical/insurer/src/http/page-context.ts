/**
 * @module What every staff page's frame shows: the insurer, the staff member, the CSRF token for its forms, where
 * it is, and how many registrations wait to be linked.
 */
import type { Context } from "hono";
import type { PageContext } from "../views/layout.tsx";
import type { InsurerEnv } from "./env.ts";

export async function pageContext(c: Context<InsurerEnv>): Promise<PageContext> {
  const counts = await c.get("deps").store.registrations.counts(c.get("insurer").id);
  return {
    insurerName: c.get("insurer").name,
    staffName: c.get("staff").displayName,
    role: c.get("staff").role,
    csrfToken: c.get("csrfToken"),
    path: c.req.path,
    pendingCount: counts.pending,
  };
}

/** A page offset from the query (0 when absent or not a whole number). */
export function offsetOf(c: Context): number {
  const value = Number(c.req.query("offset") ?? 0);
  return Number.isInteger(value) && value >= 0 ? Math.min(value, 1_000_000) : 0;
}
