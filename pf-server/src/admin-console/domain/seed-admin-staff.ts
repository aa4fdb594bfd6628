/**
 * @module Creates the administrator logins an installation was given (the launcher generates them per data
 * directory and prints them): each is hashed once, at the first start; a login that exists is left as it is.
 */
import type { AdminRole } from "./admin-accounts.ts";
import type { AdminContext } from "./admin-context.ts";
import { hashPassword } from "./hash-password.ts";

export async function seedAdminStaff(
  ctx: AdminContext,
  staff: { loginId: string; password: string; role: AdminRole; displayName: string }[],
): Promise<number> {
  let added = 0;
  for (const member of staff) {
    if (await ctx.accounts.staffByLoginId(member.loginId)) continue;
    const created = await ctx.accounts.addStaffIfAbsent({
      loginId: member.loginId,
      displayName: member.displayName,
      role: member.role,
      passwordHash: await hashPassword(member.password),
      createdAt: ctx.pf.clock.now().toISOString(),
    });
    if (created) added++;
  }
  return added;
}
