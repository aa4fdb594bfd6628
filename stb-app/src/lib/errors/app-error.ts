/**
 * @module The app's one catalogue of coded errors. Everything that can go wrong — the card, the network, the
 * PF's stable error codes — becomes an `AppError` with a code; screens never branch on messages.
 */
import type { ErrorCode } from "@catv/contracts";

/** Errors raised by the card path (the firmware driver or our port around it). */
export type CardErrorCode =
  | "reader_missing"
  | "card_missing"
  | "card_removed"
  | "card_unreadable"
  | "wrong_card"
  | "wrong_pin"
  | "pin_locked";

/** Errors the app itself detects. */
export type ClientErrorCode = "network_down" | "bad_response" | "firmware_missing" | "cancelled";

/** The facility-booking provider's refusals, relayed by the PF proxy with the provider's status and body. */
export type ProviderErrorCode =
  | "slot_taken"
  | "booking_limit_reached"
  | "facility_closed"
  | "outside_booking_window"
  | "already_cancelled"
  | "cancellation_deadline_passed";

export type AppErrorCode = ErrorCode | CardErrorCode | ClientErrorCode | ProviderErrorCode;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Wrong PIN/password: the tries the card still allows before it locks. */
  readonly triesLeft: number | undefined;
  /** The PF's request ID, shown small on the error screen so the call centre can find the log line. */
  readonly requestId: string | undefined;

  constructor(code: AppErrorCode, message: string, extra: { triesLeft?: number; requestId?: string } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.triesLeft = extra.triesLeft;
    this.requestId = extra.requestId;
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;

/** Anything thrown becomes an AppError; unknown failures are reported as internal errors, never swallowed. */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  // Typed errors from the firmware driver (or another realm) carry the same codes; keep code and tries.
  if (value && typeof value === "object" && typeof (value as { code?: unknown }).code === "string") {
    const { code, message, triesLeft } = value as { code: string; message?: unknown; triesLeft?: unknown };
    const extra = typeof triesLeft === "number" ? { triesLeft } : {};
    return new AppError(code as AppErrorCode, typeof message === "string" ? message : code, extra);
  }
  if (value instanceof TypeError) return new AppError("network_down", value.message);
  if (value instanceof DOMException && value.name === "AbortError")
    return new AppError("cancelled", "aborted");
  return new AppError("internal_error", value instanceof Error ? value.message : String(value));
}
