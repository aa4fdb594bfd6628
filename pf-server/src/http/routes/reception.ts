/**
 * @module The reception API (medical/reception-api.ts): a hospital reception terminal's site, registration with
 * staff help, PIN-less start, recognition and the eligibility check. Every route needs the terminal assertion of a
 * terminal at an in-person reception site; the card's challenge comes from `POST /v1/challenges`, as on a TV.
 */
import {
  eligibilityCheckRequestSchema,
  eligibilityCheckResponseSchema,
  receptionPinlessStartRequestSchema,
  receptionPinlessStartResponseSchema,
  receptionRecognitionRequestSchema,
  receptionRecognitionResponseSchema,
  receptionRegistrationRequestSchema,
  receptionRegistrationResponseSchema,
  receptionSiteSchema,
} from "@catv/contracts";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { checkEligibility } from "../../domain/medical/check-eligibility.ts";
import { describeReceptionSite } from "../../domain/medical/describe-reception-site.ts";
import { recognisePatient } from "../../domain/medical/recognise-patient.ts";
import { registerAtReception } from "../../domain/medical/register-at-reception.ts";
import { startReceptionPinless } from "../../domain/medical/start-reception-pinless.ts";
import type { PfEnv } from "../env.ts";
import { perTerminalRateLimit, type RateLimit } from "../middleware/rate-limit.ts";
import { type JtiReplayGuard, terminalAuth } from "../middleware/terminal-auth.ts";
import { auditAs, errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";

const TAG = "Reception terminal (medical)";
const security = [{ terminalAssertion: [] }];
const challengeErrors = [
  "challenge_unknown",
  "challenge_used",
  "challenge_expired",
  "challenge_wrong_operator",
  "challenge_wrong_terminal",
  "challenge_wrong_purpose",
] as const;
const certificateErrors = [
  "base64_not_canonical",
  "certificate_malformed",
  "certificate_not_der",
  "certificate_expired",
  "certificate_not_yet_valid",
  "certificate_revoked",
  "certificate_unknown_issuer",
  "certificate_wrong_type",
  "signature_invalid",
  "revocation_unavailable",
] as const;

export function receptionRoutes(replay: JtiReplayGuard, limit: RateLimit) {
  const app = new OpenAPIHono<PfEnv>();
  const terminal = terminalAuth(replay);
  const limited = perTerminalRateLimit("reception", limit);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/reception/site",
      tags: [TAG],
      summary: "This reception: the institution, its 医療機関コード and the insurers it may consult",
      security,
      middleware: [terminal] as const,
      responses: {
        200: jsonResponse(receptionSiteSchema, "The site."),
        ...errorResponses("terminal_unauthorized", "site_not_allowed"),
      },
    }),
    async (c) => send(c, receptionSiteSchema, await describeReceptionSite(c.get("ctx"), c.get("terminal"))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/reception/registrations",
      tags: [TAG],
      summary: "Register a patient with an insurer at the reception (利用者登録, with staff help)",
      description:
        "The card's answer to a `registration` challenge (signature certificate after the 署名用パスワード, the user-authentication certificate of the same card, " +
        "the card-binding proof, consent), as a TV sends it, and `verifierId`: one of the site's insurers. The PF issues that insurer a 共通的PFID and sends it " +
        "`account.registered` with the 4情報; the terminal gets the outcome and the link status only (`pending` until the insurer's staff link it).",
      security,
      middleware: [auditAs("reception.registration"), terminal] as const,
      request: jsonBody(receptionRegistrationRequestSchema),
      responses: {
        200: jsonResponse(receptionRegistrationResponseSchema, "Registered."),
        ...errorResponses(
          "terminal_unauthorized",
          "site_not_allowed",
          "verifier_not_allowed_at_site",
          "consent_required",
          "certificate_pair_mismatch",
          "card_genuineness_failed",
          ...challengeErrors,
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        receptionRegistrationResponseSchema,
        await registerAtReception(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/reception/pinless/start",
      tags: [TAG],
      summary: "Start a PIN-less recognition (かざし, no PIN: the default in person)",
      description:
        "As the TV's `POST /v1/pinless/start`, for a patient registered with an insurer of this site (`card_not_registered` otherwise, whether or not the card is " +
        "registered elsewhere) whose bound card shows its CVC. In person PIN-less use is what the law allows (公的個人認証法 38条の4, 規則64条の12). Limited per terminal and per certificate.",
      security,
      middleware: [auditAs("reception.pinless.start"), terminal, limited] as const,
      request: jsonBody(receptionPinlessStartRequestSchema),
      responses: {
        200: jsonResponse(receptionPinlessStartResponseSchema, "Challenge and birth-date key."),
        ...errorResponses(
          "terminal_unauthorized",
          "site_not_allowed",
          "rate_limited",
          "card_not_registered",
          "pinless_card_not_bound",
          "pinless_card_mismatch",
          "card_genuineness_failed",
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        receptionPinlessStartResponseSchema,
        await startReceptionPinless(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/reception/recognitions",
      tags: [TAG],
      summary: "Recognise the patient by the card (PIN-less, or with the PIN when the terminal asks)",
      description:
        "`method: pinless` — the 券面事項確認AP proof over the PIN-less challenge (as `POST /v1/pinless/sessions`); `method: pin` — the user-authentication " +
        "signature over a `login` challenge after the 4-digit PIN (as `POST /v1/sessions`; with `cardKeyProof` it also binds the card for PIN-less use). " +
        "Answers the institution's own patient reference (the same at every visit; never a 共通的PFID or a serial), the patient's registrations at the site's " +
        "insurers, warnings for staff, and a recognition ID the eligibility check uses for a few minutes.",
      security,
      middleware: [auditAs("reception.recognition"), terminal] as const,
      request: jsonBody(receptionRecognitionRequestSchema),
      responses: {
        200: jsonResponse(receptionRecognitionResponseSchema, "Recognised."),
        ...errorResponses(
          "terminal_unauthorized",
          "site_not_allowed",
          "card_not_registered",
          "pinless_card_not_bound",
          "pinless_card_mismatch",
          "card_genuineness_failed",
          ...challengeErrors,
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        receptionRecognitionResponseSchema,
        await recognisePatient(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/reception/eligibility-checks",
      tags: [TAG],
      summary: "資格確認: ask the patient's insurer about the recognised patient",
      description:
        "For a recognition made at this terminal (`recognition_wrong_terminal` at any other, `recognition_expired` after a few minutes). The PF calls each " +
        "insurer of the site with which the patient's account is linked, with a signed assertion (aud = insurer, sub = its 共通的PFID, acr, 医療機関コード, " +
        "the 限度額 consent, the confirmation date, a request ID) and answers with their ONS-shaped answers. `account_not_linked`: registered, the insurer has " +
        "not linked the 共通的PFID yet. `insurer_unavailable` (503, `details.retryAfterSeconds`): no insurer answered — fall back to the 資格確認書 and retry " +
        "with the same recognition.",
      security,
      middleware: [auditAs("reception.eligibility"), terminal] as const,
      request: jsonBody(eligibilityCheckRequestSchema),
      responses: {
        200: jsonResponse(eligibilityCheckResponseSchema, "The insurers' answers."),
        ...errorResponses(
          "terminal_unauthorized",
          "site_not_allowed",
          "verifier_not_allowed_at_site",
          "recognition_unknown",
          "recognition_expired",
          "recognition_wrong_terminal",
          "card_not_registered",
          "account_not_linked",
          "insurer_unavailable",
        ),
      },
    }),
    async (c) =>
      send(
        c,
        eligibilityCheckResponseSchema,
        await checkEligibility(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  return app;
}
