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
 * The codes every provider answers with: those the kit itself throws (assertion and webhook checks, validation,
 * body size, key fetch, the 500 fallback) and the viewer-API outcomes both providers share. A provider's own
 * catalogue spreads this and adds its codes.
 * @example const facilityErrors = { ...pfKitErrors, slot_taken: { status: 409, message: "…" } } as const;
 */
export const pfKitErrors = {
  validation_failed: { status: 400, message: "The request does not match the schema." },
  payload_too_large: { status: 413, message: "The request body is larger than 1 MiB." },
  assertion_missing: { status: 401, message: "Authorization: Bearer <PF assertion> is required." },
  assertion_invalid: { status: 401, message: "The PF assertion does not verify." },
  assertion_expired: { status: 401, message: "The PF assertion has expired." },
  assertion_wrong_audience: { status: 401, message: "The PF assertion is addressed to another provider." },
  assertion_replayed: { status: 401, message: "This PF assertion was already used." },
  assertion_wrong_issuer: { status: 401, message: "The PF assertion was not issued by the PF." },
  webhook_headers_missing: { status: 400, message: "Standard Webhooks headers are missing." },
  webhook_timestamp_invalid: { status: 401, message: "The webhook timestamp is outside the tolerance." },
  webhook_signature_invalid: { status: 401, message: "The webhook signature does not verify." },
  forbidden: { status: 403, message: "The assertion's viewer may not act on this resource." },
  not_enrolled: { status: 409, message: "このサービスへの利用申込がまだありません。" },
  not_found: { status: 404, message: "見つかりません。" },
  pf_keys_unavailable: { status: 503, message: "The PF's signing keys could not be fetched." },
  internal_error: { status: 500, message: "予期しないエラーが発生しました。" },
} as const satisfies Record<string, ErrorSpec>;

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

/** The kit's own `fail`: its checks answer with the statuses of the shared catalogue. */
export const kitFail = errorFactory(pfKitErrors);

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
    const { status, message } = pfKitErrors.internal_error;
    return c.json({ error: { code: "internal_error", message, requestId } }, status);
  };
}

/** Hono's `notFound`: an unknown path is a coded 404 like any other error. */
export function notFoundHandler(c: Context) {
  const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
  return c.json({ error: { code: "not_found", message: "No such endpoint.", requestId } }, 404);
}
