/**
 * @module Turns every failure into `{error:{code,message,requestId}}` with the catalogue's status, audits
 * failures of security events (code only, no personal data), and logs unexpected errors by request ID.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ErrorCode } from "../../contracts/index.ts";
import { isPfError, PfError } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";

export function errorResponse(c: Context<PfEnv>, error: PfError) {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      requestId: c.get("requestId") ?? "unknown",
      ...(error.details ? { details: error.details } : {}),
    },
  };
  return c.json(body, error.status as 400);
}

export async function onError(err: Error, c: Context<PfEnv>) {
  const ctx = c.get("ctx");
  let error: PfError;
  if (isPfError(err)) error = err;
  else if (err instanceof HTTPException && err.status === 413) error = new PfError("payload_too_large");
  else if (err instanceof HTTPException && err.status < 500)
    error = new PfError("validation_failed", err.message);
  else {
    ctx?.logger.log("error", "unexpected error", {
      requestId: c.get("requestId"),
      error: err.name,
      stack: err.stack?.split("\n").slice(0, 4).join(" | "),
    });
    error = new PfError("internal_error");
  }
  const event = c.get("auditEvent");
  if (event && ctx) {
    const terminal = c.get("terminal");
    await ctx.store.metering
      .record({
        audit: [
          {
            event,
            outcome: "failure",
            code: error.code as ErrorCode,
            actorKind: terminal ? "terminal" : "system",
            actorId: terminal?.terminalId ?? null,
            operatorId: terminal?.operatorId ?? c.get("operator")?.id ?? null,
            terminalId: terminal?.terminalId ?? null,
            cableId: error.auditCableId ?? null,
            requestId: c.get("requestId"),
          },
        ],
      })
      .catch(() => undefined);
  }
  return errorResponse(c, error);
}
