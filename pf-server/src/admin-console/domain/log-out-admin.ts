/** @module An administrator logs out: the session is deleted and the logout audited. */
import type { AdminActor, AdminContext } from "./admin-context.ts";

export async function logOutAdmin(ctx: AdminContext, sessionHash: string, actor: AdminActor): Promise<void> {
  await ctx.accounts.deleteSession(sessionHash);
  await ctx.pf.store.metering.record({
    audit: [
      {
        event: "admin.logout",
        outcome: "success",
        actorKind: "admin",
        actorId: actor.loginId,
        requestId: actor.requestId,
      },
    ],
  });
}
