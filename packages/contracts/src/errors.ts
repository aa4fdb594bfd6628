/**
 * @module The PF's stable error codes: the one catalogue every client (TV app, reception terminals, operator console,
 * verifiers, institutions, providers) branches on. Responses carry `{ error: { code, message, requestId } }`; the HTTP status is fixed per code.
 */
import { z } from "zod";

export const errorCatalogue = {
  // Request shape and authentication
  validation_failed: { status: 400, summary: "The request body, query or headers do not match the schema." },
  base64_not_canonical: {
    status: 400,
    summary: "A base64 field is not canonical standard base64 (padded, zero pad bits, no other characters).",
  },
  payload_too_large: { status: 413, summary: "The request body is larger than the endpoint accepts." },
  unauthorized: {
    status: 401,
    summary:
      "Missing or invalid credentials (tenant API key: operator, verifier, institution, provider; or admin).",
  },
  terminal_unauthorized: { status: 401, summary: "Missing, invalid, replayed or stale terminal assertion." },
  forbidden: { status: 403, summary: "The caller may not act on this resource (another tenant's, say)." },
  not_found: { status: 404, summary: "No such resource." },
  rate_limited: { status: 429, summary: "Too many requests; retry after the Retry-After header." },
  idempotency_conflict: {
    status: 409,
    summary: "The Idempotency-Key was used before with a different body.",
  },
  // Challenges (Web eID-style nonce validation)
  challenge_unknown: { status: 400, summary: "No challenge with this ID was issued." },
  challenge_used: { status: 400, summary: "The challenge was already answered (single use)." },
  challenge_expired: { status: 400, summary: "The challenge is past its expiry." },
  challenge_wrong_operator: {
    status: 400,
    summary: "The challenge was issued to another tenant (another operator, institution or verifier).",
  },
  challenge_wrong_terminal: {
    status: 400,
    summary: "The challenge was issued to another terminal (STB or reception terminal).",
  },
  challenge_wrong_purpose: { status: 400, summary: "The challenge was issued for another purpose." },
  // Certificates and signatures
  certificate_malformed: { status: 400, summary: "The certificate cannot be parsed." },
  certificate_not_der: {
    status: 400,
    summary:
      "The certificate is not exact DER: bytes after it, an indefinite length, or a length in a longer form than needed.",
  },
  certificate_expired: { status: 401, summary: "The certificate is past its validity period." },
  certificate_not_yet_valid: { status: 401, summary: "The certificate's validity period has not started." },
  certificate_revoked: { status: 401, summary: "J-LIS reports the certificate revoked." },
  certificate_unknown_issuer: {
    status: 401,
    summary: "The certificate does not chain to the J-LIS CA for its purpose.",
  },
  certificate_wrong_type: {
    status: 401,
    summary: "Signature certificate where a user-authentication one is needed, or vice versa.",
  },
  certificate_pair_mismatch: {
    status: 401,
    summary: "J-LIS does not link the signature and user-authentication certificates.",
  },
  signature_invalid: { status: 401, summary: "The card's signature does not verify." },
  revocation_unavailable: {
    status: 503,
    summary: "J-LIS could not be reached or its CRL is stale; the PF fails closed.",
  },
  // Viewers and sessions
  card_not_registered: {
    status: 404,
    summary:
      "The card is not registered with any verifier this terminal may use (no cable ID; at a reception, no account at an insurer the site may consult); start registration.",
  },
  viewer_of_other_operator: {
    status: 403,
    summary:
      "The card is registered with another operator; logins across operators need both operators to allow them.",
  },
  assisted_registration_other_operator: {
    status: 409,
    summary:
      "The card is registered with another operator: this operator's assisted registration cannot take it (nothing changed).",
  },
  pinless_card_not_bound: {
    status: 403,
    summary:
      "No card is bound to this viewer for PIN-less login yet: one PIN login (or a registration) with the card binds it.",
  },
  pinless_card_mismatch: {
    status: 403,
    summary:
      "The card is not the one bound to this viewer (another card, or a renewed one): one PIN login with it binds it.",
  },
  card_genuineness_failed: {
    status: 401,
    summary:
      "The 券面事項確認AP proof (CVC against the 券面 CA, signed record, birth date, the 券面 key's signature) failed.",
  },
  registration_receipt_invalid: {
    status: 401,
    summary: "The registration receipt is not one the PF issued (bad signature, wrong type or audience).",
  },
  registration_receipt_expired: {
    status: 401,
    summary:
      "The registration receipt is past its lifetime: the household link is shown after the next login.",
  },
  registration_receipt_other_terminal: {
    status: 403,
    summary: "The registration receipt was issued to another STB terminal: only the registering STB may ask.",
  },
  // Cross-device requests: the phone reads the card for the TV (RFC 8628 device authorization grant)
  cross_device_request_unknown: { status: 404, summary: "No cross-device request with this ID was issued." },
  cross_device_request_other_terminal: {
    status: 403,
    summary:
      "The cross-device request was issued to another STB terminal: only the TV that asked may poll or cancel it.",
  },
  cross_device_request_expired: {
    status: 410,
    summary: "The cross-device request is past its few minutes: the TV shows a new code.",
  },
  cross_device_request_used: {
    status: 409,
    summary: "The cross-device request was already completed (single use).",
  },
  cross_device_request_cancelled: {
    status: 410,
    summary: "The TV cancelled the cross-device request (Back), or asked for a new code.",
  },
  cross_device_request_claimed: {
    status: 409,
    summary: "Another phone already confirmed this cross-device request: only that phone may answer it.",
  },
  cross_device_request_locked: {
    status: 409,
    summary:
      "Too many answers to this cross-device request failed verification: it is closed; the TV shows a new code.",
  },
  cross_device_user_code_unknown: {
    status: 404,
    summary: "No open cross-device request has this user code (mistyped, or never issued).",
  },
  cross_device_too_many_attempts: {
    status: 429,
    summary:
      "Too many wrong user codes from this address (RFC 8628 §5.1): retry after the Retry-After header.",
  },
  cross_device_answer_wrong_request: {
    status: 403,
    summary: "The phone's answer carries the phone token of another cross-device request.",
  },
  session_expired: { status: 401, summary: "The access or refresh token has expired." },
  session_revoked: { status: 401, summary: "The session was logged out or revoked." },
  refresh_token_reused: {
    status: 401,
    summary:
      "A refresh token was used again after it was rotated: the whole session is revoked (RFC 9700 §4.14.2).",
  },
  pinless_not_allowed: {
    status: 403,
    summary:
      "PIN-less use at a remote site is not allowed by the verifier's policy (the law allows it in person only, 規則64条の12); use the PIN.",
  },
  step_up_required: {
    status: 403,
    summary: "This service or action needs a PIN-level session; ask for the PIN.",
  },
  consent_required: { status: 400, summary: "The viewer has not consented to what this step shares." },
  // Sites, terminals and accounts at verifiers
  site_not_allowed: {
    status: 403,
    summary:
      "This terminal's site does not offer this API (a TV STB asking for eligibility, a reception terminal asking for a TV session).",
  },
  verifier_not_allowed_at_site: {
    status: 403,
    summary: "The verifier named is not one this terminal's site may use.",
  },
  account_unknown: {
    status: 404,
    summary:
      "No account with this ID at this verifier (another verifier's accounts are answered the same way).",
  },
  account_not_linked: {
    status: 409,
    summary:
      "The person is registered with the verifier, which has not linked the account to its own record yet (the insurer has not linked the 共通的PFID to a 被保険者).",
  },
  // Reception (medical field): recognition, eligibility, patient references
  recognition_unknown: { status: 404, summary: "No recognition with this ID was made." },
  recognition_expired: {
    status: 400,
    summary: "The recognition is past its lifetime: the patient touches the card again.",
  },
  recognition_wrong_terminal: {
    status: 403,
    summary: "The recognition was made at another terminal (of this or another institution).",
  },
  insurer_unavailable: {
    status: 503,
    summary:
      "The insurer's 資格確認 server did not answer, or answered outside the contract; fall back to the 資格確認書 and retry.",
  },
  patient_reference_unknown: {
    status: 404,
    summary:
      "No patient with this reference at this institution (another institution's references are answered the same way).",
  },
  // Services and providers
  service_unknown: { status: 404, summary: "No such service, or not offered by this operator." },
  not_enrolled: { status: 409, summary: "The viewer has not enrolled in this service yet." },
  service_unavailable: {
    status: 502,
    summary:
      "A system this one depends on did not answer: a provider the PF forwards to (502), or the service's own database (503; retry shortly, nothing was half-written).",
  },
  internal_error: { status: 500, summary: "Unexpected server error; the request ID is in the logs." },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    requestId: z.string(),
    /** Extra machine-readable detail, e.g. `{ retryAfterSeconds }`; never personal data. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
