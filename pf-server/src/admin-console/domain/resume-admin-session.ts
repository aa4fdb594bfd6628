/**
 * @module The session behind an administrator's cookie, if it is live: it ends after 30 idle minutes or 8 hours
 * (the operator console's rule), and each use refreshes its idle timer.
 */
import type { AdminContext } from "./admin-context.ts";
import { hashToken } from "./log-in-admin.ts";

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 8;

export async function resumeAdminSession(ctx: AdminContext, token: string | undefined) {
  if (!token) return undefined;
  const idHash = hashToken(token);
  const session = await ctx.accounts.getSession(idHash);
  if (!session) return undefined;
  const now = ctx.pf.clock.now();
  const idle = now.getTime() - Date.parse(session.lastSeenAt) > SESSION_IDLE_MINUTES * 60_000;
  const old = now.getTime() - Date.parse(session.createdAt) > SESSION_ABSOLUTE_HOURS * 3_600_000;
  const staff = idle || old ? undefined : await ctx.accounts.staffByLoginId(session.loginId);
  if (!staff) {
    await ctx.accounts.deleteSession(idHash);
    return undefined;
  }
  await ctx.accounts.touchSession(idHash, now.toISOString());
  return { session, staff };
}
