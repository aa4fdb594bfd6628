/**
 * @module Staff log out (ログアウト): the session ends at once on the server, whatever the browser keeps. Audited.
 */
import { type Actor, audit, type Deps } from "./context.ts";

export function logOutStaff(deps: Deps, actor: Actor, sessionHash: string): void {
  deps.repos.accounts.deleteSession(sessionHash);
  audit(deps, actor, "staff.logout", { detail: "ログアウト" });
}
