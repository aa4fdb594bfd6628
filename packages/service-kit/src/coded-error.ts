/**
 * @module Coded errors and the one JSON error body every server here answers with
 * (`{error:{code,message,requestId,details?}}`): each package keeps a catalogue that fixes the HTTP status of
 * every code, and throws `CodedError`s from it, so a client (or the PF relaying a provider's answer) can branch
 * on the code alone.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A catalogue entry: the fixed HTTP status of a code and the message used when none is given. */
export interface ErrorSpec {
  status: ContentfulStatusCode;
  message: string;
}

/**
 * An error with a stable code from a package's catalogue. Its message never holds personal data: it is shown to
 * the caller and may be logged.
 * @example throw new CodedError("slot_taken", 409, "この時間帯は予約済みです。");
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;
  readonly status: ContentfulStatusCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: C, status: ContentfulStatusCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "CodedError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/**
 * The codes every server of this repository answers with for failures that are not its own domain's: a body or
 * query that does not match its schema, a body over the size limit, an unknown path, and the 500 fallback.
 */
export const commonErrors = {
  validation_failed: { status: 400, message: "The request does not match the schema." },
  payload_too_large: { status: 413, message: "The request body is larger than the endpoint accepts." },
  not_found: { status: 404, message: "No such endpoint." },
  internal_error: { status: 500, message: "Unexpected server error; the request ID is in the log." },
} as const satisfies Record<string, ErrorSpec>;

/**
 * Builds the `fail(code, message?, details?)` helper of one package's catalogue.
 * @example const fail = errorFactory(catalogue); throw fail("not_found");
 */
export function errorFactory<C extends Record<string, ErrorSpec>>(catalogue: C) {
  return (code: keyof C & string, message?: string, details?: Record<string, unknown>): CodedError => {
    const spec = catalogue[code]!;
    return new CodedError(code, spec.status, message ?? spec.message, details);
  };
}

/** The body of an error answer, as every server here writes it. */
export function errorBody(error: Pick<CodedError, "code" | "message" | "details">, requestId: string) {
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}
