/**
 * @module What the viewer is told for each error, in plain words, and where the app goes next. Texts live in
 * the translation files (`error.<kind>.title|body|action`); this maps codes onto those kinds and next steps.
 */
import type { AppError, AppErrorCode } from "./app-error.ts";

/** Every kind of error screen; each has `error.<kind>.title|body|action` in both languages. */
export const ERROR_KINDS = [
  "no_reader",
  "no_card",
  "card_removed",
  "card_unreadable",
  "wrong_card",
  "wrong_pin",
  "wrong_password",
  "pin_locked",
  "password_locked",
  "certificate_revoked",
  "certificate_expired",
  "not_registered",
  "not_enrolled",
  "service_unavailable",
  "network_down",
  "session_expired",
  "card_check_failed",
  "pinless_not_bound",
  "pinless_other_card",
  "other_operator",
  "terminal",
  "booking_refused",
  "cancel_refused",
  "phone_code_over",
  "unexpected",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Where OK on the error screen leads. `login`: sign in again — after a PIN-less refusal, with the PIN, and that
 * PIN login also binds the card (its text is shown on the PIN pad).
 */
export type NextStep = "retry" | "portal" | "registration" | "login";

export interface ErrorGuide {
  kind: ErrorKind;
  next: NextStep;
  /** Remaining tries for wrong_pin/wrong_password. */
  triesLeft?: number;
}

const byCode: Partial<Record<AppErrorCode, Omit<ErrorGuide, "triesLeft">>> = {
  reader_missing: { kind: "no_reader", next: "retry" },
  firmware_missing: { kind: "terminal", next: "retry" },
  card_missing: { kind: "no_card", next: "retry" },
  card_removed: { kind: "card_removed", next: "portal" },
  card_unreadable: { kind: "card_unreadable", next: "retry" },
  wrong_card: { kind: "wrong_card", next: "retry" },
  certificate_wrong_type: { kind: "wrong_card", next: "retry" },
  certificate_unknown_issuer: { kind: "wrong_card", next: "retry" },
  certificate_malformed: { kind: "card_unreadable", next: "retry" },
  certificate_not_der: { kind: "card_unreadable", next: "retry" },
  base64_not_canonical: { kind: "card_unreadable", next: "retry" },
  wrong_pin: { kind: "wrong_pin", next: "retry" },
  pin_locked: { kind: "pin_locked", next: "portal" },
  certificate_revoked: { kind: "certificate_revoked", next: "portal" },
  certificate_expired: { kind: "certificate_expired", next: "portal" },
  certificate_not_yet_valid: { kind: "certificate_expired", next: "portal" },
  certificate_pair_mismatch: { kind: "certificate_revoked", next: "portal" },
  card_not_registered: { kind: "not_registered", next: "registration" },
  not_enrolled: { kind: "not_enrolled", next: "portal" },
  card_genuineness_failed: { kind: "card_check_failed", next: "login" },
  pinless_card_not_bound: { kind: "pinless_not_bound", next: "login" },
  pinless_card_mismatch: { kind: "pinless_other_card", next: "login" },
  viewer_of_other_operator: { kind: "other_operator", next: "portal" },
  assisted_registration_other_operator: { kind: "other_operator", next: "portal" },
  signature_invalid: { kind: "card_check_failed", next: "retry" },
  service_unavailable: { kind: "service_unavailable", next: "portal" },
  service_unknown: { kind: "service_unavailable", next: "portal" },
  revocation_unavailable: { kind: "service_unavailable", next: "retry" },
  rate_limited: { kind: "service_unavailable", next: "retry" },
  network_down: { kind: "network_down", next: "retry" },
  session_expired: { kind: "session_expired", next: "login" },
  session_revoked: { kind: "session_expired", next: "login" },
  refresh_token_reused: { kind: "session_expired", next: "login" },
  terminal_unauthorized: { kind: "terminal", next: "portal" },
  challenge_expired: { kind: "session_expired", next: "retry" },
  slot_taken: { kind: "booking_refused", next: "portal" },
  booking_limit_reached: { kind: "booking_refused", next: "portal" },
  facility_closed: { kind: "booking_refused", next: "portal" },
  outside_booking_window: { kind: "booking_refused", next: "portal" },
  already_cancelled: { kind: "cancel_refused", next: "portal" },
  cancellation_deadline_passed: { kind: "cancel_refused", next: "portal" },
  cross_device_request_expired: { kind: "phone_code_over", next: "retry" },
  cross_device_request_cancelled: { kind: "phone_code_over", next: "retry" },
  cross_device_request_locked: { kind: "phone_code_over", next: "retry" },
  cross_device_request_used: { kind: "phone_code_over", next: "retry" },
  cross_device_request_unknown: { kind: "phone_code_over", next: "retry" },
  cross_device_request_other_terminal: { kind: "terminal", next: "portal" },
};

/**
 * @example guideFor(new AppError("wrong_pin", "…", { triesLeft: 2 })) // { kind: "wrong_pin", next: "retry", triesLeft: 2 }
 */
export function guideFor(error: AppError, context: { signaturePassword?: boolean } = {}): ErrorGuide {
  const found = byCode[error.code] ?? { kind: "unexpected" as const, next: "portal" as const };
  let kind = found.kind;
  // The signature password and the 4-digit PIN lock separately; name the one the viewer typed.
  if (context.signaturePassword && kind === "wrong_pin") kind = "wrong_password";
  if (context.signaturePassword && kind === "pin_locked") kind = "password_locked";
  const guide: ErrorGuide = { kind, next: found.next };
  if (error.triesLeft !== undefined) guide.triesLeft = error.triesLeft;
  return guide;
}
