/**
 * @module The healthcare provider's one catalogue of coded errors (status fixed per code).
 */
import { errorFactory } from "@catv/provider-facility-booking/pf-kit";

export const healthcareErrors = {
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
} as const;

export const fail = errorFactory(healthcareErrors);
