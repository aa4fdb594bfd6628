/**
 * @module Cross-device requests: the TV without a card reader asks the PF for a request, shows its QR code and user
 * code, and a phone reads the card over NFC and answers it — the OAuth 2.0 device authorization grant (RFC 8628)
 * with the card's JPKI signature in place of a password, as デジタル認証アプリ does for a PC.
 *
 * TV side (terminal-signed, `tv-api.ts`): `POST /v1/cross-device-requests` (registration, login) or
 * `POST /v1/sessions/current/cross-device-step-up` (a viewer session), then `POST
 * /v1/cross-device-requests/{requestId}/poll` every `interval` seconds until it completes.
 * Phone side (no terminal; the user code and the card are the credentials): `POST /v1/cross-device/lookup` shows
 * who is asking, `POST /v1/cross-device/confirm` claims the request for this phone and gives it the challenge,
 * `POST /v1/cross-device/answer` carries the card's signature.
 */
import { z } from "zod";
import { base64, cableIdSchema } from "./common.ts";
import { cardKeyProofSchema, consentSchema, householdLinkSchema, tokenResponseSchema } from "./tv-api.ts";

/**
 * RFC 8628 §6.1: a base-20 alphabet of consonants only — no digits or vowels that read alike (0/O, 1/I/L) and no
 * words — 8 characters shown as `XXXX-XXXX`: 20^8 ≈ 2^34.6 codes, with at most `USER_CODE_ATTEMPTS_PER_WINDOW`
 * wrong tries per phone address per window and a request living `CROSS_DEVICE_TTL_SECONDS` (§5.1).
 */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;
export const userCodeSchema = z
  .string()
  .transform((s) => s.toUpperCase().replace(/[^A-Z]/g, ""))
  .pipe(
    z.string().regex(new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`), "8 letters of the code"),
  );
/** How long a request can be answered: long enough to find the phone and the card, short for a photographed QR. */
export const CROSS_DEVICE_TTL_SECONDS = 5 * 60;
/** RFC 8628 §3.2 `interval`: seconds between the TV's polls. */
export const CROSS_DEVICE_POLL_INTERVAL_SECONDS = 2;
/** Wrong user codes one phone address may try per window (RFC 8628 §5.1 rate limiting). */
export const USER_CODE_ATTEMPTS_PER_WINDOW = 10;
/** Answers that fail verification (a wrong card, a forged signature) before the request is closed. */
export const CROSS_DEVICE_MAX_FAILED_ANSWERS = 3;

export const crossDevicePurposeSchema = z.enum(["registration", "login", "step-up"]);
export type CrossDevicePurpose = z.infer<typeof crossDevicePurposeSchema>;

/** POST /v1/cross-device-requests — a new request for this terminal. */
export const createCrossDeviceRequestSchema = z.object({
  purpose: crossDevicePurposeSchema.exclude(["step-up"]),
  /** The name the household gave this TV (set on the STB), shown on the phone: "リビングのテレビ". */
  terminalLabel: z.string().trim().min(1).max(40),
});
/** POST /v1/sessions/current/cross-device-step-up — step the current session up with the PIN on the phone. */
export const createCrossDeviceStepUpSchema = createCrossDeviceRequestSchema.pick({ terminalLabel: true });

/** RFC 8628 §3.2's device authorization response, with the names this API uses. */
export const crossDeviceRequestResponseSchema = z.object({
  /** The TV's handle for polling; never shown, never in the QR code. */
  requestId: z.string(),
  /** What the viewer compares on the phone, `XXXX-XXXX`. */
  userCode: z.string(),
  /** Where to type the user code (RFC 8628 `verification_uri`). */
  verificationUri: z.url(),
  /** The QR code's content: the page with the user code filled in (`verification_uri_complete`). */
  verificationUriComplete: z.url(),
  expiresAt: z.iso.datetime(),
  interval: z.number().int().positive(),
});

/** POST /v1/cross-device-requests/{requestId}/poll — the state the TV shows. */
export const crossDevicePollResponseSchema = z.discriminatedUnion("status", [
  /** No phone has confirmed yet. */
  z.object({ status: z.literal("pending"), expiresAt: z.iso.datetime() }),
  /** A phone confirmed and is reading the card. */
  z.object({ status: z.literal("confirmed"), expiresAt: z.iso.datetime() }),
  /** Login or step-up done: the TV's session, `acr` = `urn:catv:acr:pin-phone`. Delivered once. */
  z.object({ status: z.literal("session"), tokens: tokenResponseSchema }),
  /** Registration done: as `POST /v1/registrations` answers. Delivered once. */
  z.object({
    status: z.literal("registered"),
    registration: z.object({
      cableId: cableIdSchema,
      outcome: z.enum(["new", "existing", "renewed"]),
      householdLink: householdLinkSchema,
      receipt: z.string(),
    }),
  }),
]);
export type CrossDevicePollResponse = z.infer<typeof crossDevicePollResponseSchema>;

/** POST /v1/cross-device/lookup — what the phone shows before the viewer confirms. */
export const crossDeviceLookupRequestSchema = z.object({ userCode: userCodeSchema });
export const crossDeviceLookupResponseSchema = z.object({
  purpose: crossDevicePurposeSchema,
  operatorName: z.string(),
  terminalLabel: z.string(),
  userCode: z.string(),
  requestedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});

/** POST /v1/cross-device/confirm — the viewer confirmed on this phone: the request is this phone's from now on. */
export const crossDeviceConfirmRequestSchema = crossDeviceLookupRequestSchema;
export const crossDeviceConfirmResponseSchema = z.object({
  requestId: z.string(),
  /** Secret of this phone for this request: the answer must carry it (a second phone has none). */
  phoneToken: z.string(),
  purpose: crossDevicePurposeSchema,
  /** What the card signs, as `challengeResponseSchema.toBeSigned`: bound to the TV's operator and terminal. */
  toBeSigned: base64,
  expiresAt: z.iso.datetime(),
});

/** POST /v1/cross-device/answer — the card's answer from the phone. */
export const crossDeviceAnswerRequestSchema = z.discriminatedUnion("purpose", [
  z.object({
    purpose: z.enum(["login", "step-up"]),
    requestId: z.string(),
    phoneToken: z.string().min(1).max(200),
    authenticationCertificate: base64,
    signature: base64,
  }),
  z.object({
    purpose: z.literal("registration"),
    requestId: z.string(),
    phoneToken: z.string().min(1).max(200),
    signatureCertificate: base64,
    authenticationCertificate: base64,
    signature: base64,
    cardKeyProof: cardKeyProofSchema,
    consent: consentSchema,
  }),
]);
export const crossDeviceAnswerResponseSchema = z.object({
  /** The TV continues on its own; the phone only says so. */
  status: z.literal("completed"),
  purpose: crossDevicePurposeSchema,
});
