/**
 * @module Staff log out (ログアウト): the session ends at once on the server, whatever the browser keeps. Audited.
 */
import { type Actor, audit, type Deps } from "./context.ts";

export async function logOutStaff(deps: Deps, actor: Actor, sessionHash: string): Promise<void> {
  await deps.repos.accounts.deleteSession(sessionHash);
  await audit(deps, actor, "staff.logout", { detail: "ログアウト" });
}
