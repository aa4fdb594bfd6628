/**
 * @module Coded errors and the JSON error body every provider endpoint answers with
 * (`{error:{code,message,requestId}}`, as the PF's own catalogue does), so the PF can relay them unchanged.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "./logger.ts";

/** A catalogue entry: the fixed HTTP status of a code and the message used when none is given. */
export interface ErrorSpec {
  status: ContentfulStatusCode;
  message: string;
}

/**
 * An error with a stable code from a package's catalogue.
 * @example throw new AppError("slot_taken", 409, "この時間帯は予約済みです。");
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: ContentfulStatusCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: string,
    status: ContentfulStatusCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/**
 * Builds the `fail(code, message?)` helper of one package's catalogue.
 * @example const fail = errorFactory(catalogue); throw fail("not_found");
 */
export function errorFactory<C extends Record<string, ErrorSpec>>(catalogue: C) {
  return (code: keyof C & string, message?: string, details?: Record<string, unknown>): AppError => {
    const spec = catalogue[code]!;
    return new AppError(code, spec.status, message ?? spec.message, details);
  };
}

/** Hono's `onError`: coded errors keep their status; anything else is a logged 500 with no internals shown. */
export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
    if (err instanceof AppError) {
      if (err.status >= 500)
        logger.error("request failed", { requestId, code: err.code, route: c.req.routePath });
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            requestId,
            ...(err.details ? { details: err.details } : {}),
          },
        },
        err.status,
      );
    }
    // Hono's own middleware (basic auth) answers with an HTTPException carrying its response (401 + challenge).
    if (err instanceof HTTPException) return err.getResponse();
    logger.error("unexpected error", {
      requestId,
      route: c.req.routePath,
      error: err.name,
      // The message of an unexpected error may quote input; the stack is enough to find the bug.
      stack: err.stack?.split("\n").slice(1, 4).join(" | "),
    });
    return c.json(
      { error: { code: "internal_error", message: "予期しないエラーが発生しました。", requestId } },
      500,
    );
  };
}

/** Hono's `notFound`: an unknown path is a coded 404 like any other error. */
export function notFoundHandler(c: Context) {
  const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
  return c.json({ error: { code: "not_found", message: "No such endpoint.", requestId } }, 404);
}
