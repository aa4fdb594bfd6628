/**
 * @module The facility provider's one catalogue of coded errors. The HTTP status is fixed per code; the PF relays
 * status and body to the TV unchanged (and turns `step_up_required` into its own step-up prompt).
 */
import { errorFactory } from "./pf-kit/index.ts";

export const facilityErrors = {
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
  step_up_required: { status: 403, message: "有料の予約には暗証番号による認証が必要です。" },
  not_enrolled: { status: 409, message: "このサービスへの利用申込がまだありません。" },
  not_found: { status: 404, message: "見つかりません。" },
  facility_closed: { status: 409, message: "この日は休館日です。" },
  outside_booking_window: { status: 409, message: "この日は予約を受け付けていません。" },
  slot_taken: { status: 409, message: "この時間帯はすでに予約されています。" },
  booking_limit_reached: { status: 409, message: "同時に持てる予約の上限に達しています。" },
  already_cancelled: { status: 409, message: "この予約はすでに取り消されています。" },
  cancellation_deadline_passed: { status: 409, message: "取消の受付期限（利用日の前日）を過ぎています。" },
  pf_keys_unavailable: { status: 503, message: "The PF's signing keys could not be fetched." },
  internal_error: { status: 500, message: "予期しないエラーが発生しました。" },
} as const;

export type FacilityErrorCode = keyof typeof facilityErrors;
export const fail = errorFactory(facilityErrors);
