/**
 * @module What the administrator console's use cases receive: the PF's context (its store, clock, checkers), the
 * console's own accounts, and the login throttle.
 */
import type { PfContext } from "../../domain/context.ts";
import type { AdminAccounts, AdminRole } from "./admin-accounts.ts";
import type { LoginThrottle } from "./login-throttle.ts";

export interface AdminContext {
  pf: PfContext;
  accounts: AdminAccounts;
  throttle: LoginThrottle;
}

/** Who is acting, for the audit trail (login ID and role only). */
export interface AdminActor {
  loginId: string;
  role: AdminRole;
  requestId: string;
}
