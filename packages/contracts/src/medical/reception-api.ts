/**
 * @module Hospital reception terminal ↔ PF (参考１－３): registration with staff help, recognition of the patient by the
 * card (PIN-less by default, PIN when the terminal asks), and the eligibility check (資格確認) the PF makes at the
 * patient's insurer. Base `/v1/reception`. A reception terminal is provisioned like an STB: its ES256 key is
 * registered at the PF, and every call carries `X-Terminal-Assertion` exactly as the TV API describes (same header,
 * claims and audience). Only terminals of an in-person reception site may call these (`site_not_allowed`).
 *
 * The card messages are the TV API's, unchanged: `POST /v1/challenges` (purpose `registration` or `login`) gives
 * the challenge, and the card answers as it does on a TV. The institution never receives a certificate serial, a
 * 共通的PFID or any 4情報 beyond the insurer's answer about the patient at the desk: it knows the patient by its own
 * **patient reference**, a pairwise ID the PF issues to that institution on the first recognition there and
 * answers again at every later one (so the card can serve as the patient card, 診察券一体化). Another institution
 * gets another reference for the same patient.
 *
 * The institution's back office calls `/v1/institution/*` with `Authorization: Bearer <tenant API key>`.
 */
import { z } from "zod";
import { acrSchema, linkStatusSchema, siteKindSchema } from "../common.ts";
import {
  pinLoginRequestSchema,
  pinlessLoginRequestSchema,
  pinlessStartRequestSchema,
  pinlessStartResponseSchema,
  registrationRequestSchema,
} from "../tv-api.ts";
import { medicalInstitutionCodeSchema } from "./codes.ts";
import { eligibilityAnswerSchema } from "./eligibility.ts";

export const RECEPTION_API_PREFIX = "/v1/reception";
export const INSTITUTION_API_PREFIX = "/v1/institution";

/** The institution's pairwise reference for a patient: random, the same at every recognition at that institution. */
export const patientReferenceSchema = z
  .string()
  .regex(/^pr_[A-Za-z0-9_-]{22}$/)
  .describe(
    "the institution's own reference for the patient (never a 共通的PFID, never a certificate serial)",
  );

/** A verifier (insurer) the reception may consult, as the terminal shows it. */
export const receptionVerifierSchema = z.object({
  verifierId: z.string().describe("the insurer's tenant ID at the PF"),
  name: z.string().describe("保険者名称 as the PF knows the tenant"),
});

/**
 * GET /v1/reception/site — what this terminal's site is: the institution, its 医療機関コード, and the insurers the
 * reception may consult (and register patients with).
 */
export const receptionSiteSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  siteKind: siteKindSchema,
  institutionName: z.string(),
  medicalInstitutionCode: medicalInstitutionCodeSchema,
  verifiers: z.array(receptionVerifierSchema),
});

/**
 * POST /v1/reception/registrations — 利用者登録 with staff help (参考１－１): the card's answer to a `registration`
 * challenge, as on a TV, and the insurer the patient registers with (one of the site's). The PF issues that
 * insurer a 共通的PFID and sends it `account.registered` with the 4情報; the terminal learns only the outcome.
 */
export const receptionRegistrationRequestSchema = registrationRequestSchema.extend({
  verifierId: z
    .string()
    .describe("the insurer chosen at the desk (one of GET /v1/reception/site's verifiers)"),
});
export const receptionRegistrationResponseSchema = z.object({
  verifierId: z.string(),
  verifierName: z.string(),
  /** new: registered with this insurer now; existing: already registered (same card); renewed: a renewed card. */
  outcome: z.enum(["new", "existing", "renewed"]),
  /** pending until the insurer's staff link the 共通的PFID to a 被保険者. */
  linkStatus: linkStatusSchema,
});

/**
 * POST /v1/reception/pinless/start — the TV API's PIN-less start, at a reception: the user-authentication
 * certificate read without a PIN and the 券面事項確認AP's CVC. Answered only for a card bound to a person who has
 * an account at an insurer of this site (`card_not_registered` otherwise, whether or not the card is registered
 * elsewhere).
 */
export const receptionPinlessStartRequestSchema = pinlessStartRequestSchema;
export const receptionPinlessStartResponseSchema = pinlessStartResponseSchema;

/**
 * POST /v1/reception/recognitions — the card's answer: `pinless` (the 券面事項確認AP proof over the PIN-less
 * challenge, as `POST /v1/pinless/sessions`) or `pin` (the user-authentication signature over a `login` challenge
 * after the 4-digit PIN, as `POST /v1/sessions`). One recognition is one patient at one terminal for a few minutes:
 * the terminal asks the eligibility check with its ID (and may retry it, e.g. after `insurer_unavailable`).
 */
export const receptionRecognitionRequestSchema = z.discriminatedUnion("method", [
  pinlessLoginRequestSchema.extend({ method: z.literal("pinless") }),
  pinLoginRequestSchema.extend({ method: z.literal("pin") }),
]);

/** A registration of the patient at one of the site's insurers, as the reception may show it. */
export const receptionRegistrationStateSchema = z.object({
  verifierId: z.string(),
  verifierName: z.string(),
  linkStatus: linkStatusSchema.describe("pending: the insurer has not linked the 共通的PFID yet"),
});

/** Something staff should tell the patient, with the outcome. */
export const receptionWarningSchema = z.object({
  code: z
    .enum(["card_certificate_expiring"])
    .describe(
      "card_certificate_expiring: the card's user-authentication certificate expires within 3 months (ONS: 失効期限3か月前)",
    ),
  message: z.string().describe("Japanese, for staff"),
});

export const receptionRecognitionResponseSchema = z.object({
  recognitionId: z.string(),
  patientReference: patientReferenceSchema,
  /** true when this is the patient's first recognition at this institution (a new patient record). */
  firstVisit: z.boolean(),
  acr: acrSchema,
  siteKind: siteKindSchema,
  recognisedAt: z.iso.datetime(),
  /** After this the eligibility check needs a new touch (`recognition_expired`). */
  expiresAt: z.iso.datetime(),
  registrations: z.array(receptionRegistrationStateSchema).min(1),
  warnings: z.array(receptionWarningSchema),
});

/**
 * POST /v1/reception/eligibility-checks — 資格確認 for a recognition of this terminal: the PF asks each insurer of
 * the site with which the patient has a linked account (normally one; `verifierId` narrows it to one) and answers
 * with their answers. The patient's consent to show 限度額適用認定証 information is asked on the terminal after the
 * recognition and given here; without it the insurer is not asked for it and the PF never relays it.
 *
 * Refusals: `account_not_linked` (registered, the insurer has not linked the 共通的PFID yet), `insurer_unavailable`
 * (no insurer answered: fall back to the 資格確認書 and retry with the same recognition), `recognition_*`.
 */
export const eligibilityCheckRequestSchema = z.object({
  recognitionId: z.string(),
  limitApplicationCertificateConsent: z
    .boolean()
    .describe("限度額適用認定証提供同意: the patient agreed on the terminal to show the 限度額 information"),
  verifierId: z
    .string()
    .optional()
    .describe("ask this insurer only (one of the recognition's registrations)"),
});

const verifierNamed = { verifierId: z.string(), verifierName: z.string() };
export const eligibilityResultSchema = z.discriminatedUnion("status", [
  /** The insurer's answer, as it gave it (資格有効性 1–5, the qualifications). */
  z.object({ status: z.literal("answered"), ...verifierNamed, answer: eligibilityAnswerSchema }),
  /** Registered with this insurer, which has not linked the 共通的PFID yet. */
  z.object({ status: z.literal("not_linked"), ...verifierNamed }),
  /** This insurer did not answer (another did). */
  z.object({ status: z.literal("unavailable"), ...verifierNamed }),
]);

export const eligibilityCheckResponseSchema = z.object({
  checkId: z.string(),
  recognitionId: z.string(),
  patientReference: patientReferenceSchema,
  acr: acrSchema,
  siteKind: siteKindSchema,
  checkedAt: z.iso.datetime(),
  results: z.array(eligibilityResultSchema).min(1),
  warnings: z.array(receptionWarningSchema),
});
export type EligibilityCheckResponse = z.infer<typeof eligibilityCheckResponseSchema>;

/**
 * GET /v1/institution/patient-references/{patientReference} — the institution's back office: whether a patient
 * it knows is registered (and linked) with the insurers of its sites, e.g. to tell a patient whose check answered
 * `account_not_linked` that the insurer has linked them since. Another institution's reference answers
 * `patient_reference_unknown`.
 */
export const patientReferenceStatusSchema = z.object({
  patientReference: patientReferenceSchema,
  issuedAt: z.iso.datetime(),
  registrations: z.array(receptionRegistrationStateSchema),
});
