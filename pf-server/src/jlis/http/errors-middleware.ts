/**
 * @module Request IDs and the one error shape `{ error: { code, message, requestId } }`. Unexpected errors are
 * logged with the request ID only — never the request body, which may hold personal data.
 */
import { randomUUID } from "node:crypto";
import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { JlisError, type JlisErrorCode, jlisErrorCatalogue } from "../errors.ts";
import type { Logger } from "../log.ts";

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

export function errorBody(c: Context<JlisEnv>, code: JlisErrorCode, message: string) {
  return c.json(
    { error: { code, message, requestId: c.get("requestId") ?? "" } },
    jlisErrorCatalogue[code].status as 400,
  );
}

export function handleErrors(log: Logger): ErrorHandler<JlisEnv> {
  return (err, c) => {
    if (err instanceof JlisError) return errorBody(c, err.code, err.message);
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      return errorBody(
        c,
        "validation_failed",
        `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
      );
    }
    if (err instanceof HTTPException && err.status === 413) {
      return errorBody(c, "validation_failed", "request body too large");
    }
    if (err instanceof SyntaxError) return errorBody(c, "validation_failed", "the body is not valid JSON");
    // The route pattern, as in the access log: a concrete /ocsp/{request} or certificate path carries a serial.
    log.error("unexpected error", { requestId: c.get("requestId"), error: err.name, route: c.req.routePath });
    return errorBody(c, "internal_error", "unexpected error");
  };
}
