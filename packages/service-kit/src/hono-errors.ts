/**
 * @module Hono's `onError` and `notFound` for every server here: a `CodedError` is answered with its code and
 * fixed status; anything else is logged by request ID and route pattern (never its message, which may quote
 * input, nor the concrete path, which may carry an ID) and answered as a bare `internal_error`.
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { CodedError, commonErrors, errorBody } from "./coded-error.ts";
import type { Logger } from "./json-logger.ts";

export interface CodedErrorHandlerOptions {
  logger: Pick<Logger, "error">;
  /**
   * Makes a coded error of one that is not (a ZodError, a framework's HTTPException), or returns undefined to
   * leave it to the defaults: an HTTPException 413 is `payload_too_large`, another HTTPException answers with its
   * own response (Hono's basic auth sends its 401 challenge that way), anything else is `internal_error`.
   */
  translate?: (error: Error) => CodedError | undefined;
  /** The coded error of an unexpected failure; `commonErrors.internal_error` unless the package words its own. */
  internalError?: () => CodedError;
  /** Runs before every coded answer is sent (the PF audits refused security events here). */
  beforeAnswer?: (c: Context, error: CodedError) => void | Promise<void>;
  /** Writes the answer; JSON by default (the console renders a page for a browser). */
  respond?: (c: Context, error: CodedError, requestId: string) => Response | Promise<Response>;
}

const requestIdOf = (c: Context): string => (c.get("requestId") as string | undefined) ?? "unknown";

const codedFrom = (spec: { status: 413 | 404 | 500; message: string }, code: string) =>
  new CodedError(code, spec.status, spec.message);

/**
 * @example app.onError(codedErrorHandler({ logger }));
 */
export function codedErrorHandler(options: CodedErrorHandlerOptions): ErrorHandler {
  const internalError =
    options.internalError ?? (() => codedFrom(commonErrors.internal_error, "internal_error"));
  return async (err, c) => {
    const requestId = requestIdOf(c);
    let error = err instanceof CodedError ? err : options.translate?.(err);
    if (!error && err instanceof HTTPException) {
      if (err.status !== 413) return err.getResponse();
      error = codedFrom(commonErrors.payload_too_large, "payload_too_large");
    }
    if (!error) {
      options.logger.error("unexpected error", {
        requestId,
        route: c.req.routePath,
        error: err.name,
        // The first line of a stack repeats the message; the frames are enough to find the bug.
        stack: err.stack?.split("\n").slice(1, 4).join(" | "),
      });
      error = internalError();
    } else if (error.status >= 500) {
      options.logger.error("request failed", { requestId, code: error.code, route: c.req.routePath });
    }
    await options.beforeAnswer?.(c, error);
    if (options.respond) return options.respond(c, error, requestId);
    return c.json(errorBody(error, requestId), error.status);
  };
}

/** Hono's `notFound`: an unknown path is a coded 404 like any other error. */
export const notFoundHandler: NotFoundHandler = (c) =>
  c.json(errorBody(codedFrom(commonErrors.not_found, "not_found"), requestIdOf(c)), 404);
