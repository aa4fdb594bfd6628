/**
 * @module Turns every failure into `{error:{code,message,requestId}}` with the catalogue's status (the handler of
 * `@catv/service-kit`), and audits failures of security events (code only, no personal data). A lost database
 * connection answers 503 `service_unavailable`.
 */
import type { ErrorCode } from "@catv/contracts";
import { translateConnectionLoss } from "@catv/postgres";
import { type CodedError, codedErrorHandler, errorBody, type Logger } from "@catv/service-kit";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { PfError } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";

export function errorResponse(c: Context<PfEnv>, error: PfError) {
  return c.json(errorBody(error, c.get("requestId") ?? "unknown"), error.status);
}

/** A refused security event (login, registration…) leaves an audit row with the refusal's code. */
async function auditRefusal(c: Context<PfEnv>, error: CodedError) {
  const ctx = c.get("ctx");
  const event = c.get("auditEvent");
  if (!event || !ctx) return;
  const terminal = c.get("terminal");
  await ctx.store.metering
    .record({
      audit: [
        {
          event,
          outcome: "failure",
          code: error.code as ErrorCode,
          actorKind: terminal ? "terminal" : "system",
          actorId: terminal?.terminalId ?? c.get("tenant")?.id ?? null,
          tenantId: terminal?.tenantId ?? c.get("operator")?.id ?? c.get("tenant")?.id ?? null,
          terminalId: terminal?.terminalId ?? null,
          accountId: error instanceof PfError ? (error.auditAccountId ?? null) : null,
          requestId: c.get("requestId"),
        },
      ],
    })
    .catch(() => undefined);
}

export function onError(logger: Logger) {
  return codedErrorHandler({
    logger,
    translate: (err) => {
      if (err instanceof HTTPException && err.status === 413) return new PfError("payload_too_large");
      if (err instanceof HTTPException && err.status < 500)
        return new PfError("validation_failed", err.message);
      // The database gone (PostgreSQL restarting, a network cut): 503 service_unavailable, as every service here
      // answers it, not a 500; the transaction it interrupted was rolled back, so nothing is half-written.
      return translateConnectionLoss(err);
    },
    internalError: () => new PfError("internal_error"),
    beforeAnswer: (c, error) => auditRefusal(c as Context<PfEnv>, error),
  });
}
