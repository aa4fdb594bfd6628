/**
 * @module Hono environment of the PF app: per-request variables set by the middleware.
 */
import type { PfContext, TerminalScope } from "../domain/context.ts";
import type { ViewerSession } from "../domain/manage-sessions.ts";
import type { Operator, Provider } from "../storage/repositories.ts";

export interface PfEnv {
  Variables: {
    requestId: string;
    ctx: PfContext;
    terminal: TerminalScope;
    viewer: ViewerSession;
    operator: Operator;
    provider: Provider;
    /** Names the security event a failure is audited under (login.pin, registration, …). */
    auditEvent: string;
  };
}
