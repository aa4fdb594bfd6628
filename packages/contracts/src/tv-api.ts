/**
 * @module The API the TV app (STB) calls: challenges, registration, login with and without PIN, sessions,
 * the portal, enrolment and the provider proxy. Base path `/v1`.
 *
 * Every request carries `X-Terminal-Assertion`: a compact JWS made by the STB firmware with the terminal's
 * ES256 key (header `{alg:"ES256", typ:"terminal+jwt", kid:<terminalId>}`, claims `{iss:<terminalId>,
 * aud:"catv-pf", htm:<HTTP method>, htu:<path and query>, iat, jti}`), so the PF always knows the operator and
 * terminal. Viewer endpoints also carry `Authorization: Bearer <accessToken>`.
 */
import { z } from "zod";
import { acrSchema, base64, base64url, cableIdSchema } from "./common.ts";

export const TERMINAL_ASSERTION_HEADER = "x-terminal-assertion";
export const TERMINAL_ASSERTION_AUDIENCE = "catv-pf";

export const challengePurposeSchema = z.enum(["registration", "login", "pinless-login", "step-up"]);
export type ChallengePurpose = z.infer<typeof challengePurposeSchema>;

/** POST /v1/challenges — for registration, login and step-up (PIN-less uses /v1/pinless/start). */
export const createChallengeRequestSchema = z.object({
  purpose: challengePurposeSchema.exclude(["pinless-login"]),
});
export const challengeResponseSchema = z.object({
  challengeId: z.string(),
  /** 32 random bytes. */
  nonce: base64url,
  /**
   * What the card must sign, base64: the UTF-8 bytes of
   * "CATV-PF\n<purpose>\n<operatorId>\n<terminalId>\n<challengeId>\n<nonce>". The client hashes it with SHA-256,
   * wraps it in a DigestInfo and has the card sign that with `80 2A 00 80` (PKCS#1 v1.5).
   */
  toBeSigned: base64,
  expiresAt: z.iso.datetime(),
});

export const consentSchema = z.object({
  /** Version of the consent text the viewer saw; the PF records it with the time. */
  textVersion: z.string(),
  acceptedAt: z.iso.datetime(),
});

/**
 * The card-binding proof: the 券面事項確認AP's card-verifiable certificate (EF 0004, free to read) and a signature
 * by the card's 券面 key (`80 2A 00 00`, PKCS#1 v1.5 over DigestInfo(SHA-256)) over the SAME `toBeSigned` the JPKI
 * key signs. The PF binds the certified 券面 key to the viewer; PIN-less logins must be answered by that key.
 */
export const cardKeyProofSchema = z.object({
  /** 券面事項確認AP EF 0004 as read (7F21 CVC, exactly one TLV). */
  cardVerifiableCertificate: base64,
  /** The 券面 key's signature over `toBeSigned`. */
  signature: base64,
});

/** POST /v1/registrations — signed with the signature key after the 署名用パスワード, plus the card-binding proof. */
export const registrationRequestSchema = z.object({
  challengeId: z.string(),
  signatureCertificate: base64,
  authenticationCertificate: base64,
  signature: base64,
  cardKeyProof: cardKeyProofSchema,
  consent: consentSchema,
});
export const householdLinkSchema = z.enum(["linked", "pending"]);
export const registrationResponseSchema = z.object({
  cableId: cableIdSchema,
  /** new: first registration; existing: the same card again; renewed: new serials linked to the existing cable ID. */
  outcome: z.enum(["new", "existing", "renewed"]),
  /** linked: already linked (assisted registration or matched); pending: the operator has not linked it yet. */
  householdLink: householdLinkSchema,
  /**
   * A PF-signed receipt of this registration, bound to the registering terminal and valid for
   * `REGISTRATION_RECEIPT_TTL_SECONDS`: the STB shows the result screen while the operator links the household
   * (usually seconds later) and has no viewer session yet, so it asks `POST /v1/registrations/status` with it.
   */
  receipt: z.string(),
});

/** How long a registration receipt answers: the operator's automatic linking takes seconds, staff take longer. */
export const REGISTRATION_RECEIPT_TTL_SECONDS = 10 * 60;

/**
 * POST /v1/registrations/status — terminal assertion only: the household-link state of the registration this STB
 * just made. Refused for a receipt issued to another terminal (`registration_receipt_other_terminal`), after its
 * lifetime (`registration_receipt_expired`) or not issued by the PF (`registration_receipt_invalid`).
 */
export const registrationStatusRequestSchema = z.object({ receipt: z.string().min(1).max(2048) });
export const registrationStatusResponseSchema = z.object({
  cableId: cableIdSchema,
  householdLink: householdLinkSchema,
});

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  /** Opaque, single use (rotated on every refresh), bound to the terminal. */
  refreshToken: z.string(),
  expiresIn: z.number().int().positive(),
  acr: acrSchema,
  cableId: cableIdSchema,
});

/** POST /v1/sessions/step-up — user-authentication signature over a `step-up` challenge. */
export const stepUpRequestSchema = z.object({
  challengeId: z.string(),
  authenticationCertificate: base64,
  signature: base64,
});

/**
 * POST /v1/sessions — PIN login: user-authentication signature over a `login` challenge. With `cardKeyProof` the
 * login also binds this card for PIN-less use: when the viewer has no binding yet, or replacing the binding of a
 * renewed card.
 */
export const pinLoginRequestSchema = stepUpRequestSchema.extend({
  cardKeyProof: cardKeyProofSchema.optional(),
});

/**
 * POST /v1/pinless/start — the user-authentication certificate read without a PIN, and the card's CVC: the PF
 * answers with the birth-date key only when this CVC certifies the card key bound to the viewer.
 */
export const pinlessStartRequestSchema = z.object({
  authenticationCertificate: base64,
  /** 券面事項確認AP EF 0004 as read (7F21 CVC). */
  cardVerifiableCertificate: base64,
});
export const pinlessStartResponseSchema = z.object({
  challengeId: z.string(),
  /** The challenge the card signs with `80 2A 00 00` as DigestInfo(SHA-256(challenge)); 32 bytes. */
  challenge: base64,
  /** 和暦 YYMMDD that unlocks the 券面事項確認AP's 生年月日 key (EF 0011); from the registration. */
  birthDateKey: z.string().regex(/^[0-9]{6}$/),
  expiresAt: z.iso.datetime(),
});
/**
 * POST /v1/pinless/sessions — the record's key (DF12), the CVC's key and the key that signed the challenge must
 * all be the card key bound to the viewer.
 */
export const pinlessLoginRequestSchema = z.object({
  challengeId: z.string(),
  /** 券面事項確認AP EF 0001 as read (FF10 TLV). */
  dateOfBirthRecord: base64,
  /** 券面事項確認AP EF 0004 as read (7F21 CVC). */
  cardVerifiableCertificate: base64,
  /** The 券面 key's signature over the challenge. */
  signature: base64,
});
/** POST /v1/sessions/refresh */
export const refreshRequestSchema = z.object({ refreshToken: z.string() });
/** DELETE /v1/sessions/current — logout; revokes the access and refresh tokens. Answers 204. */

/**
 * Which provider API a service speaks, so the TV app knows how to present it: `facility-booking`
 * (facility-booking-api.ts) or `healthcare` (healthcare-api.ts). Declared when the PF administrator registers the
 * service; never guessed from its ID.
 */
export const serviceKindSchema = z.enum(["facility-booking", "healthcare"]);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

export const serviceSummarySchema = z.object({
  serviceId: z.string(),
  /** The provider that runs the service (the PF forwards `/v1/services/{serviceId}/api/*` to it). */
  providerId: z.string(),
  /** The API it speaks; null for a service registered before kinds were recorded (no TV app can present it). */
  kind: serviceKindSchema.nullable(),
  name: z.string(),
  nameEn: z.string(),
  /** true: the whole service needs a PIN-level session; false: PIN-less is enough to open it. */
  requiresPin: z.boolean(),
  enrolled: z.boolean().optional(),
});
export const brandingSchema = z.object({
  operatorName: z.string(),
  portalTitle: z.string(),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
/** GET /v1/portal — terminal assertion only: branding and the service menu before login. */
export const portalResponseSchema = z.object({
  operatorId: z.string(),
  town: z.string(),
  branding: brandingSchema,
  services: z.array(serviceSummarySchema),
});
/** GET /v1/me */
export const meResponseSchema = z.object({
  cableId: cableIdSchema,
  acr: acrSchema,
  householdLink: householdLinkSchema,
  services: z.array(serviceSummarySchema.extend({ enrolled: z.boolean() })),
});

/** POST /v1/services/{serviceId}/enrolment — the PF asks the provider to create its user. */
export const enrolmentRequestSchema = z.object({ consent: consentSchema });
export const enrolmentResponseSchema = z.object({ serviceId: z.string(), enrolled: z.literal(true) });

/**
 * ANY /v1/services/{serviceId}/api/{path} — forwarded to the provider's API base URL + /{path} with a PF
 * assertion (see provider-api.ts). The provider's status and JSON body are relayed; a provider's step-up answer
 * becomes the PF's `step_up_required`.
 */
export const SERVICE_PROXY_PREFIX = "/v1/services";
