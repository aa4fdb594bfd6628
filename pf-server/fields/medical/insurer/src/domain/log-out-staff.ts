/**
 * @module Staff log out: the session ends at once on the server, whatever the browser keeps. Audited.
 */
import { auditStaff } from "./audit.ts";
import type { Actor, Deps } from "./ports.ts";

export async function logOutStaff(deps: Deps, actor: Actor, sessionHash: string): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.staff.deleteSession(sessionHash);
    await auditStaff(tx, actor, at, { action: "staff.logout", detail: "ログアウト" });
  });
}
