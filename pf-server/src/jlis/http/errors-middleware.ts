/**
 * @module Request IDs and the one error shape `{ error: { code, message, requestId } }`. Unexpected errors are
 * logged with the request ID only — never the request body, which may hold personal data.
 */
import { randomUUID } from "node:crypto";
import { codedErrorHandler, type Logger } from "@catv/service-kit";
import type { ErrorHandler, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { JlisError } from "../errors.ts";

export type JlisEnv = { Variables: { requestId: string; verifierId: string } };

export const assignRequestId: MiddlewareHandler<JlisEnv> = async (c, next) => {
  const requestId = randomUUID();
  c.set("requestId", requestId);
  c.header("x-request-id", requestId);
  await next();
};

/** One access-log line per request: route pattern (never the OCSP request itself), status, time, caller. */
export function logRequests(log: Logger): MiddlewareHandler<JlisEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      verifierId: c.get("verifierId"),
    });
  };
}

/** The J-LIS answers the validation failures of its framework and parser as its own `validation_failed`. */
function translate(err: Error): JlisError | undefined {
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    return new JlisError(
      "validation_failed",
      `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
    );
  }
  if (err instanceof HTTPException && err.status === 413) {
    return new JlisError("validation_failed", "request body too large");
  }
  if (err instanceof SyntaxError) return new JlisError("validation_failed", "the body is not valid JSON");
  return undefined;
}

/** The handler of `@catv/service-kit`: it logs an unexpected error by route pattern, as the access log does. */
export function handleErrors(log: Logger): ErrorHandler<JlisEnv> {
  return codedErrorHandler({
    logger: log,
    translate,
    internalError: () => new JlisError("internal_error", "unexpected error"),
  });
}
