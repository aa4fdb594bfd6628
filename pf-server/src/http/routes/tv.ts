/**
 * @module The TV app's API (tv-api.ts): challenges, registration, PIN and PIN-less login, sessions, the portal,
 * enrolment and the provider proxy. Every route needs a terminal assertion; viewer routes also a bearer token.
 */

import {
  challengeResponseSchema,
  createChallengeRequestSchema,
  enrolmentRequestSchema,
  enrolmentResponseSchema,
  meResponseSchema,
  pinLoginRequestSchema,
  pinlessLoginRequestSchema,
  pinlessStartRequestSchema,
  pinlessStartResponseSchema,
  portalResponseSchema,
  refreshRequestSchema,
  registrationRequestSchema,
  registrationResponseSchema,
  registrationStatusRequestSchema,
  registrationStatusResponseSchema,
  stepUpRequestSchema,
  tokenResponseSchema,
} from "@catv/contracts";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { issueTerminalChallenge, toBeSigned } from "../../domain/challenges.ts";
import { completePinlessLogin } from "../../domain/complete-pinless-login.ts";
import { describePortal, describeViewer } from "../../domain/describe-portal.ts";
import { enrolViewer } from "../../domain/enrol-viewer.ts";
import { forwardToProvider } from "../../domain/forward-to-provider.ts";
import { loginWithPin } from "../../domain/login-with-pin.ts";
import { endSession, refreshSession, stepUpSession } from "../../domain/manage-sessions.ts";
import { readRegistrationStatus } from "../../domain/read-registration-status.ts";
import { registerViewer } from "../../domain/register-viewer.ts";
import { startPinlessLogin } from "../../domain/start-pinless-login.ts";
import type { PfEnv } from "../env.ts";
import { viewerAuth } from "../middleware/bearer-auth.ts";
import { perTerminalRateLimit, type RateLimit } from "../middleware/rate-limit.ts";
import { type JtiReplayGuard, terminalAuth } from "../middleware/terminal-auth.ts";
import { auditAs, errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";

const TAG = "TV app (STB)";
const terminalSecurity = [{ terminalAssertion: [] }];
const viewerSecurity = [{ terminalAssertion: [], viewerToken: [] }];
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

export function tvRoutes(replay: JtiReplayGuard, limit: RateLimit) {
  const app = new OpenAPIHono<PfEnv>();
  const terminal = terminalAuth(replay);
  const limited = perTerminalRateLimit("tv", limit);

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/challenges",
      tags: [TAG],
      summary: "Issue a challenge (registration, login or step-up)",
      description:
        "Single use, expires after a short time, bound to the operator, the terminal and the purpose. " +
        "The card signs `toBeSigned` (see the schema). A registration challenge picks up an open assisted-registration session for this terminal.",
      security: terminalSecurity,
      middleware: [auditAs("challenge"), terminal, limited] as const,
      request: jsonBody(createChallengeRequestSchema),
      responses: {
        201: jsonResponse(challengeResponseSchema, "The challenge."),
        ...errorResponses("terminal_unauthorized", "rate_limited"),
      },
    }),
    async (c) => {
      const ch = await issueTerminalChallenge(c.get("ctx"), c.get("terminal"), c.req.valid("json").purpose);
      return send(
        c,
        challengeResponseSchema,
        {
          challengeId: ch.id,
          nonce: ch.nonce,
          toBeSigned: toBeSigned(ch).toString("base64"),
          expiresAt: ch.expiresAt,
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/registrations",
      tags: [TAG],
      summary: "Register a viewer (利用者登録) with the signature certificate",
      description:
        "Answers a `registration` challenge signed with the signature key, with the card-binding proof (`cardKeyProof`: the 券面事項確認AP's CVC and the 券面 key's signature over the same `toBeSigned`), which binds the card for PIN-less login. " +
        "Returns the cable ID: `new`, `existing` (same card) or `renewed` (new serials linked through J-LIS), its household link, and a `receipt` for `POST /v1/registrations/status`. A viewer registered with another operator is refused.",
      security: terminalSecurity,
      middleware: [auditAs("registration"), terminal] as const,
      request: jsonBody(registrationRequestSchema),
      responses: {
        200: jsonResponse(registrationResponseSchema, "Registered."),
        ...errorResponses(
          "terminal_unauthorized",
          "consent_required",
          "certificate_pair_mismatch",
          "viewer_of_other_operator",
          "assisted_registration_other_operator",
          "card_genuineness_failed",
          "site_not_allowed",
          ...challengeErrors,
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        registrationResponseSchema,
        await registerViewer(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/registrations/status",
      tags: [TAG],
      summary: "The household link of the registration this STB just made",
      description:
        "The registration answer's `receipt` is signed by the PF, bound to the registering terminal and valid for 10 minutes: " +
        "with it, and no viewer session, that STB may ask whether the operator has linked the household yet. " +
        "Another terminal's receipt is refused (`registration_receipt_other_terminal`), as is an expired or forged one.",
      security: terminalSecurity,
      middleware: [auditAs("registration.status"), terminal] as const,
      request: jsonBody(registrationStatusRequestSchema),
      responses: {
        200: jsonResponse(registrationStatusResponseSchema, "The cable ID and its household link now."),
        ...errorResponses(
          "terminal_unauthorized",
          "registration_receipt_invalid",
          "registration_receipt_expired",
          "registration_receipt_other_terminal",
          "card_not_registered",
        ),
      },
    }),
    async (c) =>
      send(
        c,
        registrationStatusResponseSchema,
        await readRegistrationStatus(c.get("ctx"), c.get("terminal"), c.req.valid("json").receipt),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/sessions",
      tags: [TAG],
      summary: "Log in with the PIN (user-authentication signature)",
      description:
        "With the optional `cardKeyProof` (the card's CVC and the 券面 key's signature over the same `toBeSigned`), the login binds the card for PIN-less use " +
        "when the viewer has no binding yet, or replaces the binding of a renewed card (audited). A proof that does not verify is not bound (audited); the login itself does not depend on it.",
      security: terminalSecurity,
      middleware: [auditAs("login.pin"), terminal] as const,
      request: jsonBody(pinLoginRequestSchema),
      responses: {
        200: jsonResponse(tokenResponseSchema, "PIN-level tokens."),
        ...errorResponses(
          "terminal_unauthorized",
          "card_not_registered",
          "viewer_of_other_operator",
          ...challengeErrors,
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(c, tokenResponseSchema, await loginWithPin(c.get("ctx"), c.get("terminal"), c.req.valid("json"))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/pinless/start",
      tags: [TAG],
      summary: "Start a PIN-less login (かざし)",
      description:
        "Answers with a challenge and the 券面事項確認AP birth-date key only when the user-authentication certificate is valid, the viewer belongs to this terminal's operator, " +
        "a card is bound to the viewer (`pinless_card_not_bound`: one PIN login binds it) and `cardVerifiableCertificate` certifies that card's key (`pinless_card_mismatch`), " +
        "and the certificate is not revoked. Limited per terminal and per certificate across terminals (`rate_limited`); every start is audited with terminal and cable ID.",
      security: terminalSecurity,
      middleware: [auditAs("login.pinless.start"), terminal, limited] as const,
      request: jsonBody(pinlessStartRequestSchema),
      responses: {
        200: jsonResponse(pinlessStartResponseSchema, "Challenge and birth-date key."),
        ...errorResponses(
          "terminal_unauthorized",
          "rate_limited",
          "card_not_registered",
          "viewer_of_other_operator",
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
        pinlessStartResponseSchema,
        await startPinlessLogin(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/pinless/sessions",
      tags: [TAG],
      summary: "Complete a PIN-less login with the 券面事項確認AP proof",
      description:
        "The CVC must certify the card key bound to the viewer; the date-of-birth record must verify with that key (and carry it in DF12) and hold the registered birth date; " +
        "the challenge signature must verify with that key.",
      security: terminalSecurity,
      middleware: [auditAs("login.pinless"), terminal] as const,
      request: jsonBody(pinlessLoginRequestSchema),
      responses: {
        200: jsonResponse(tokenResponseSchema, "PIN-less tokens."),
        ...errorResponses(
          "terminal_unauthorized",
          "card_not_registered",
          "pinless_card_not_bound",
          "pinless_card_mismatch",
          "card_genuineness_failed",
          ...challengeErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        tokenResponseSchema,
        await completePinlessLogin(c.get("ctx"), c.get("terminal"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/sessions/step-up",
      tags: [TAG],
      summary: "Step a PIN-less session up to PIN level",
      security: viewerSecurity,
      middleware: [auditAs("session.step-up"), terminal, viewerAuth] as const,
      request: jsonBody(stepUpRequestSchema),
      responses: {
        200: jsonResponse(tokenResponseSchema, "PIN-level tokens; the previous session is revoked."),
        ...errorResponses(
          "terminal_unauthorized",
          "unauthorized",
          "session_expired",
          "session_revoked",
          "forbidden",
          "card_not_registered",
          "viewer_of_other_operator",
          ...challengeErrors,
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        tokenResponseSchema,
        await stepUpSession(c.get("ctx"), c.get("terminal"), c.get("viewer"), c.req.valid("json")),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/sessions/refresh",
      tags: [TAG],
      summary: "Rotate the refresh token",
      description:
        "Single use: the answer carries a new refresh token; the old one stops working. Bound to the terminal. " +
        "A rotated token used again revokes the whole session (`refresh_token_reused`, RFC 9700 §4.14.2). " +
        "No refresh extends a session past its operator's absolute lifetime (`sessionLifetimeDays`, default 30).",
      security: terminalSecurity,
      middleware: [auditAs("session.refresh"), terminal] as const,
      request: jsonBody(refreshRequestSchema),
      responses: {
        200: jsonResponse(tokenResponseSchema, "New tokens."),
        ...errorResponses(
          "terminal_unauthorized",
          "session_expired",
          "session_revoked",
          "refresh_token_reused",
        ),
      },
    }),
    async (c) =>
      send(
        c,
        tokenResponseSchema,
        await refreshSession(c.get("ctx"), c.get("terminal"), c.req.valid("json").refreshToken),
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/sessions/current",
      tags: [TAG],
      summary: "Log out",
      security: viewerSecurity,
      middleware: [auditAs("session.logout"), terminal, viewerAuth] as const,
      responses: {
        204: { description: "Logged out." },
        ...errorResponses("terminal_unauthorized", "unauthorized", "session_expired", "session_revoked"),
      },
    }),
    async (c) => {
      await endSession(c.get("ctx"), c.get("terminal"), c.get("viewer"));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/portal",
      tags: [TAG],
      summary: "Branding and service menu before login",
      security: terminalSecurity,
      middleware: [terminal] as const,
      responses: {
        200: jsonResponse(portalResponseSchema, "The portal."),
        ...errorResponses("terminal_unauthorized"),
      },
    }),
    async (c) => send(c, portalResponseSchema, await describePortal(c.get("ctx"), c.get("terminal"))),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me",
      tags: [TAG],
      summary: "The logged-in viewer",
      security: viewerSecurity,
      middleware: [terminal, viewerAuth] as const,
      responses: {
        200: jsonResponse(meResponseSchema, "Cable ID, session level, household link and services."),
        ...errorResponses("terminal_unauthorized", "unauthorized", "session_expired", "session_revoked"),
      },
    }),
    async (c) =>
      send(c, meResponseSchema, await describeViewer(c.get("ctx"), c.get("terminal"), c.get("viewer"))),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/services/{serviceId}/enrolment",
      tags: [TAG],
      summary: "Enrol in a service (サービス申込)",
      description: "The PF asks the provider (signed assertion, pairwise ID) to create its user. Idempotent.",
      security: viewerSecurity,
      middleware: [auditAs("enrolment"), terminal, viewerAuth] as const,
      request: { params: z.object({ serviceId: z.string() }), ...jsonBody(enrolmentRequestSchema) },
      responses: {
        200: jsonResponse(enrolmentResponseSchema, "Enrolled."),
        ...errorResponses(
          "terminal_unauthorized",
          "unauthorized",
          "session_expired",
          "session_revoked",
          "service_unknown",
          "step_up_required",
          "consent_required",
          "service_unavailable",
        ),
      },
    }),
    async (c) =>
      send(
        c,
        enrolmentResponseSchema,
        await enrolViewer(
          c.get("ctx"),
          c.get("terminal"),
          c.get("viewer"),
          c.req.valid("param").serviceId,
          c.req.valid("json"),
        ),
      ),
  );

  // The proxy relays arbitrary provider paths, so it is a plain route; it is documented by hand below.
  app.on(
    ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/v1/services/:serviceId/api/*",
    auditAs("service.proxy"),
    terminal,
    viewerAuth,
    async (c) => {
      const serviceId = c.req.param("serviceId");
      const url = new URL(c.req.url);
      // Everything after /v1/services/{serviceId}/api/, still percent-encoded as the STB sent it.
      const rawPath = url.pathname.split("/").slice(5).join("/");
      // The body is at most 256 KiB: app.ts limits every /v1/services/:serviceId/api/* request.
      const body = ["GET", "DELETE"].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
      const result = await forwardToProvider(c.get("ctx"), c.get("terminal"), c.get("viewer"), {
        serviceId,
        pathAndQuery: rawPath + url.search,
        method: c.req.method,
        contentType: c.req.header("content-type"),
        body,
      });
      return new Response(result.status === 204 ? null : result.body, {
        status: result.status,
        headers: { "content-type": result.contentType, "x-request-id": c.get("requestId") },
      });
    },
  );
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/v1/services/{serviceId}/api/{path}",
    tags: [TAG],
    summary: "Call the provider's API through the PF (any method)",
    description:
      "GET, POST, PUT, PATCH and DELETE are forwarded to the provider's API base URL + `/{path}` (query string kept) with " +
      "`Authorization: Bearer <PF assertion>`. The provider's status and JSON body are relayed. A PIN-less session calling a " +
      'service that requires a PIN, or a provider answering `403 {error:{code:"step_up_required"}}`, gives `step_up_required`.',
    security: viewerSecurity,
    request: { params: z.object({ serviceId: z.string(), path: z.string() }) },
    responses: {
      200: { description: "The provider's answer, relayed." },
      ...errorResponses(
        "terminal_unauthorized",
        "unauthorized",
        "session_expired",
        "session_revoked",
        "service_unknown",
        "not_enrolled",
        "step_up_required",
        "service_unavailable",
        "payload_too_large",
        "forbidden",
      ),
    },
  });

  return app;
}
