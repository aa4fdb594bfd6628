/**
 * @module The API description's prose: how providers, operators, insurers and medical institutions integrate (the
 * assurance levels named), and every error code. Schemas, examples and the webhooks are in the document itself
 * (openapi.ts, webhooks-doc.ts).
 */
import { errorCatalogue } from "@catv/contracts";

const errorTable = Object.entries(errorCatalogue)
  .map(([code, { status, summary }]) => `| \`${code}\` | ${status} | ${summary} |`)
  .join("\n");

export const apiDescription = `
The CATV common platform (共通的PF(CATV分野)): My Number card registration and login on the TV, cable IDs, the
provider bridge, usage and settlements, metering. The 個人番号 is never read, stored or sent.

## Errors
Every error is \`{"error":{"code","message","requestId"}}\` with a fixed HTTP status per code. Branch on \`code\`.

| code | status | meaning |
|---|---|---|
${errorTable}

## TV app (STB)
Every call carries \`X-Terminal-Assertion\`: a compact JWS by the STB's ES256 key, header
\`{alg:"ES256",typ:"terminal+jwt",kid:<terminalId>}\`, claims \`{iss:<terminalId>,aud:"catv-pf",htm,htu,iat,jti}\`
(htu = path and query; iat within ±120 s; each jti once). Viewer calls also carry \`Authorization: Bearer <accessToken>\`.
Flows: \`POST /v1/challenges\` → card signs \`toBeSigned\` → \`POST /v1/registrations\` or \`POST /v1/sessions\`;
PIN-less: \`POST /v1/pinless/start\` → 券面事項確認AP → \`POST /v1/pinless/sessions\`; \`step_up_required\` → challenge
with purpose \`step-up\` → \`POST /v1/sessions/step-up\`.

**Card binding.** A PIN-less login is accepted only from the card bound to the viewer. Registration carries
\`cardKeyProof\`: the 券面事項確認AP's card-verifiable certificate (EF 0004) and the card's 券面 key's signature
(\`80 2A 00 00\`, DigestInfo(SHA-256)) over the **same** \`toBeSigned\` the signature key signs; the PF verifies it
against the 券面 CA and binds that key to the viewer. A PIN login may carry the same proof: it binds the card when the
viewer has none (registered before binding existed) and replaces the binding of a renewed card. \`POST /v1/pinless/start\`
carries the CVC with the certificate and answers the birth-date key only for the bound card of a viewer of this
STB's operator (\`pinless_card_not_bound\`, \`pinless_card_mismatch\`, \`viewer_of_other_operator\`); after the first two,
one PIN login with \`cardKeyProof\` binds the card. Starts are limited per certificate across all STBs. Certificates
must be exact DER and every base64 field canonical (\`certificate_not_der\`, \`base64_not_canonical\`).

**A phone as the card reader (スマートフォンで, cross-device requests).** For an STB without a reader, in the manner of the
OAuth device authorization grant (RFC 8628) and of デジタル認証アプリ's QR code on a PC: the TV calls
\`POST /v1/cross-device-requests\` (\`registration\` or \`login\`; \`POST /v1/sessions/current/cross-device-step-up\` for a
step-up) and shows \`verificationUriComplete\` as a QR code with \`userCode\` (8 letters of \`BCDFGHJKLMNPQRSTVWXZ\`,
RFC 8628 §6.1); the phone app calls \`POST /v1/cross-device/lookup\` (shows the operator, the TV's name and the code to
compare, §5.4), \`POST /v1/cross-device/confirm\` (the first phone holds the request with a \`phoneToken\`; another phone
gets \`cross_device_request_claimed\`) and \`POST /v1/cross-device/answer\` with the card's signature over the confirmed
\`toBeSigned\` — the PF checks it in the TV's scope exactly as a card in the STB's reader. The TV polls
\`POST /v1/cross-device-requests/{requestId}/poll\` every \`interval\` seconds and collects, once, its session with
\`acr\` = \`urn:catv:acr:pin-phone\` (or the registration's answer). A request lives 5 minutes and completes once; wrong
user codes are limited per phone address (\`cross_device_too_many_attempts\`, §5.1); three answers that fail
verification close it (\`cross_device_request_locked\`); only the asking STB may poll or cancel it
(\`cross_device_request_other_terminal\`). Operators see each session's source (\`stb-reader\` or \`phone\`) at
\`GET /v1/operator/sessions\`.

## How a service provider integrates
Everything a provider implements or calls is in this document: the PF's side under **Provider**, the requests the
PF sends to the provider's own server under **Webhooks** (OpenAPI 3.1 \`webhooks\`: the events, and the endpoints
marked *Provider side (you implement)*), each with its schema and an example generated from the same zod schemas
the PF validates with (\`packages/contracts\`).

1. **Registration at the PF** (PF administrator): API base URL, webhook URL + \`whsec_\` secret, an API key, the
   services offered and whether each requires a PIN (PIN-less sessions get \`step_up_required\` for those).
2. **Assertions**: every request from the PF (enrolment and forwarded viewer calls) carries
   \`Authorization: Bearer <JWT>\`, ES256, claims \`{iss:<PF URL>, aud:<providerId>, sub:<pairwiseId>, acr, svc, siteKind, iat, exp:iat+60, jti}\`
   (schema **PfAssertionClaims**). Verify it with the PF's keys at \`GET /.well-known/jwks.json\` (cache them; refetch
   on an unknown \`kid\`), check \`iss\`, that \`aud\` is your provider ID and \`exp\`, and accept each \`jti\` once.
3. **Assurance level (\`acr\`)** — how the viewer was recognised:
   - \`urn:catv:acr:pin\` — **PIN level**: a PIN login. The card's user-authentication key (JPKI 利用者証明用電子証明書)
     signed the PF's challenge after the viewer entered the 4-digit PIN: possession of the card and knowledge of the PIN.
   - \`urn:catv:acr:pin-phone\` — **PIN level, on the viewer's phone**: the TV had no card reader (or the viewer chose
     the phone), so the card was touched to the viewer's phone and its user-authentication key signed the PF's challenge
     for that TV after the PIN was entered on the phone (a cross-device request, in the manner of RFC 8628). The same
     proof as \`pin\` — possession and PIN — made on another device; accept it wherever you accept \`pin\`
     (\`isPinLevel\` in \`@catv/contracts\`).
   - \`urn:catv:acr:pinless\` — **PIN-less** (かざし): the registered card was shown and proven genuine through the
     券面事項確認AP without the PIN: possession only.
   Require a PIN level (\`urn:catv:acr:pin\` or \`urn:catv:acr:pin-phone\`) for anything that costs the viewer money or changes something important; answer
   \`403 {"error":{"code":"step_up_required","message":…}}\` to a PIN-less assertion and the PF turns it into its own
   \`step_up_required\`: the TV asks for the PIN (\`POST /v1/sessions/step-up\`) and repeats the call at PIN level.
4. **Enrolment**: \`POST <apiBaseUrl>/pf/enrolments\` \`{serviceId, consent}\` → answer \`201 {providerUserId}\` (\`200\`
   with the same ID when repeated). The \`sub\` is a pairwise ID: stable for this viewer at your service, different
   at every other provider. \`DELETE <apiBaseUrl>/pf/enrolments/{pairwiseId}\` ends it (answer \`204\`).
5. **Viewer calls**: the TV app calls \`/v1/services/{serviceId}/api/{path}\`; you receive \`<apiBaseUrl>/{path}\` with
   the same method, query and JSON body; your status and JSON body go back to the TV.
6. **Usage**: \`POST /v1/provider/usage\` with \`Authorization: Bearer <provider API key>\` and an \`Idempotency-Key\`
   (retry with the same key and body after any failure; you get the same \`usageId\`). Every field is described on
   the operation.
7. **Webhooks** (Standard Webhooks, to your webhook URL): \`enrolment.created\`, \`settlement.issued\`. Headers
   \`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature: v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>\`
   keyed by the base64 part of your \`whsec_\` secret, plus \`X-Catv-Provider-Id\`. Deliveries are at least once,
   retried with exponential backoff and jitter: deduplicate by \`webhook-id\` and answer 2xx quickly. Keep events of
   types you do not know yet (answer 2xx): new types may be added.

## How a CATV operator integrates
1. **Registration at the PF**: API key, revocation policy (\`ocsp\` immediate or \`crl\` periodic), TV portal
   branding, webhook URL + secret, and each STB terminal's ES256 public key.
2. **Webhooks** (same signing as above, plus \`X-Catv-Operator-Id\`; each described with its schema under **Webhooks**):
   \`cable_id.registered\` (cable ID + 4情報 for household matching, \`assisted\` when staff opened the registration),
   \`cable_id.updated\` (renewed or re-issued card), \`cable_id.revoked\`, \`usage.reported\` (bill it once per
   \`usageId\`).
3. **API** with \`Authorization: Bearer <operator API key>\`: assisted registrations, household links,
   monthly settlements per provider (\`Idempotency-Key\`), and the PF usage-fee statement (JSON or CSV).

## Hospital reception terminal (medical field)
A reception terminal is provisioned like an STB (its ES256 key registered on an in-person reception site) and signs
every call with \`X-Terminal-Assertion\` exactly as above; only such terminals may call \`/v1/reception/*\`
(\`site_not_allowed\`), and they may not use the TV's sessions or portal. \`GET /v1/reception/site\` names the
institution, its 医療機関コード and the insurers it consults. Registration with staff help: a \`registration\`
challenge, the card's answer as on a TV plus \`verifierId\` → \`POST /v1/reception/registrations\`. Recognition:
PIN-less (\`POST /v1/reception/pinless/start\` → 券面事項確認AP → \`POST /v1/reception/recognitions\` with
\`method: pinless\`) or with the PIN (a \`login\` challenge → \`method: pin\`); the answer carries the institution's
own \`patientReference\` and a \`recognitionId\` valid at this terminal for 10 minutes. \`POST
/v1/reception/eligibility-checks\` asks the patient's linked insurers (\`account_not_linked\` before the insurer
linked; \`insurer_unavailable\`, 503 with \`details.retryAfterSeconds\`: fall back to the 資格確認書 and retry with
the same recognition).

## How an insurer (verifier) integrates
1. **Registration at the PF**: roles verifier (共通的PFIDs, a revocation policy) and provider (\`subject: account\`),
   API base URL, webhook URL + secret, an API key.
2. **Eligibility**: \`POST <apiBaseUrl>/pf/eligibility\` with \`Authorization: Bearer <JWT>\` (ES256,
   \`{iss:<PF URL>, aud:<insurer ID>, sub:<共通的PFID>, svc:"medical-eligibility", acr, siteKind, requestId,
   qualificationConfirmationDate, medicalInstitutionCode, limitApplicationCertificateConsent, iat, exp:iat+60, jti}\`);
   verify it as a provider does and answer the ONS-shaped JSON for that \`requestId\` and \`medicalInstitutionCode\`
   within 8 s.
3. **Webhooks** (plus \`X-Catv-Verifier-Id\`): \`account.registered\` (共通的PFID + 4情報 + where), \`account.updated\`,
   \`account.revoked\`.
4. **API** with \`Authorization: Bearer <API key>\`: link an account (\`PUT /v1/verifier/accounts/{id}/link\`), read
   it, registration from your own page (\`POST /v1/verifier/registration-challenges\` →
   \`POST /v1/verifier/registrations\`), and your fee statement (\`GET /v1/tenant/fee-statements/{month}\`).

## How a medical institution integrates
Its reception terminals as above; its back office with \`Authorization: Bearer <API key>\`: \`GET
/v1/institution/patient-references/{ref}\` (its own references only) and \`GET /v1/tenant/fee-statements/{month}\`
(recognitions and eligibility checks per reception site).
`;
