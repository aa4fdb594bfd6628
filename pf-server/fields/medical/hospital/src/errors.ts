/**
 * @module The hospital system's one catalogue of coded errors (HTTP status fixed per code). A refusal the PF made
 * is relayed with the PF's own code and status (`details.from = "pf"`, codes in `packages/contracts/src/errors.ts`);
 * the codes here are this system's own: its check of the terminal, the PF being out of reach, and the staff side.
 */
import { CodedError, commonErrors, type ErrorSpec, errorFactory } from "@catv/service-kit";

export const hospitalErrors = {
  ...commonErrors,
  terminal_assertion_missing: {
    status: 401,
    message: "A reception terminal's call needs its X-Terminal-Assertion.",
  },
  terminal_unknown: {
    status: 403,
    message: "The terminal is not one of this hospital's reception terminals.",
  },
  terminal_assertion_invalid: {
    status: 401,
    message: "The terminal assertion is not valid for this call (signature, claims, path or time).",
  },
  pf_unreachable: {
    status: 503,
    message: "The PF could not be reached; fall back to the 資格確認書 and try again.",
  },
  pf_answer_invalid: {
    status: 502,
    message: "The PF answered outside its contract; nothing was recorded.",
  },
  pf_answer_mismatch: {
    status: 502,
    message: "The PF's answer names another recognition or patient than asked; nothing was recorded.",
  },
  recognition_not_recorded: {
    status: 404,
    message: "This hospital recorded no recognition with this ID.",
  },
  recognition_of_other_terminal: {
    status: 403,
    message: "The recognition was made at another terminal.",
  },
  nothing_to_retry: {
    status: 409,
    message: "This visit's eligibility check is not waiting for a retry.",
  },
  unauthorized: { status: 401, message: "ログインしてください。" },
  login_failed: { status: 401, message: "ログインIDまたはパスワードが違います。" },
  rate_limited: {
    status: 429,
    message: "ログインの失敗が続いたため、しばらくログインできません。15分ほどしてからお試しください。",
  },
  csrf_failed: {
    status: 403,
    message: "画面の有効期限が切れました。もう一度開き直してから操作してください。",
  },
  patient_not_found: { status: 404, message: "その診察券番号の患者さんは登録されていません。" },
} as const satisfies Record<string, ErrorSpec>;

export type HospitalErrorCode = keyof typeof hospitalErrors;

export const fail = errorFactory(hospitalErrors);

export { CodedError };
