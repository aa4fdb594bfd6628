/**
 * @module Hono environment of the PF app: per-request variables set by the middleware.
 */
import type { PfContext, TerminalScope } from "../domain/context.ts";
import type { ViewerSession } from "../domain/manage-sessions.ts";
import type { Operator, Provider } from "../domain/tenancy.ts";
import type { Tenant } from "../storage/repositories.ts";

export interface PfEnv {
  Variables: {
    requestId: string;
    ctx: PfContext;
    terminal: TerminalScope;
    viewer: ViewerSession;
    operator: Operator;
    provider: Provider;
    /** The calling tenant (verifier or institution API), by its API key. */
    tenant: Tenant;
    /** Names the security event a failure is audited under (login.pin, registration, …). */
    auditEvent: string;
  };
}
