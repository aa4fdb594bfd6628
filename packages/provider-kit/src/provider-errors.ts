/**
 * @module The codes every provider answers with: those the kit itself throws (assertion and webhook checks,
 * validation, body size, key fetch, the 500 fallback) and the viewer-API outcomes both sample providers share,
 * in the JSON error body of `@catv/service-kit`, so the PF can relay them unchanged. A provider's own catalogue
 * spreads this and adds its codes.
 * @example const facilityErrors = { ...providerErrors, slot_taken: { status: 409, message: "…" } } as const;
 */
import { commonErrors, type ErrorSpec, errorFactory, webhookErrors } from "@catv/service-kit";

export const providerErrors = {
  ...commonErrors,
  ...webhookErrors,
  payload_too_large: { status: 413, message: "The request body is larger than 1 MiB." },
  assertion_missing: { status: 401, message: "Authorization: Bearer <PF assertion> is required." },
  assertion_invalid: { status: 401, message: "The PF assertion does not verify." },
  assertion_expired: { status: 401, message: "The PF assertion has expired." },
  assertion_wrong_audience: { status: 401, message: "The PF assertion is addressed to another provider." },
  assertion_replayed: { status: 401, message: "This PF assertion was already used." },
  assertion_wrong_issuer: { status: 401, message: "The PF assertion was not issued by the PF." },
  forbidden: { status: 403, message: "The assertion's viewer may not act on this resource." },
  not_enrolled: { status: 409, message: "このサービスへの利用申込がまだありません。" },
  not_found: { status: 404, message: "見つかりません。" },
  pf_keys_unavailable: { status: 503, message: "The PF's signing keys could not be fetched." },
  internal_error: { status: 500, message: "予期しないエラーが発生しました。" },
} as const satisfies Record<string, ErrorSpec>;

/** The kit's own `fail`: its checks answer with the statuses of the shared catalogue. */
export const kitFail = errorFactory(providerErrors);
