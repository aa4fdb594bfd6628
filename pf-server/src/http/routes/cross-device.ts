/**
 * @module The cross-device API (cross-device-api.ts): the TV asks, polls and cancels with its terminal assertion;
 * the phone looks up, confirms and answers with the user code, its phone token and the card's signature (it has no
 * terminal key: the card and the PIN are what it proves). Every refusal is audited by code.
 */
import {
  createCrossDeviceRequestSchema,
  createCrossDeviceStepUpSchema,
  crossDeviceAnswerRequestSchema,
  crossDeviceAnswerResponseSchema,
  crossDeviceConfirmRequestSchema,
  crossDeviceConfirmResponseSchema,
  crossDeviceLookupRequestSchema,
  crossDeviceLookupResponseSchema,
  crossDevicePollResponseSchema,
  crossDeviceRequestResponseSchema,
} from "@catv/contracts";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { answerCrossDeviceRequest } from "../../domain/answer-cross-device-request.ts";
import { cancelCrossDeviceRequest } from "../../domain/cancel-cross-device-request.ts";
import { confirmCrossDeviceRequest } from "../../domain/confirm-cross-device-request.ts";
import type { CrossDeviceDeps } from "../../domain/cross-device-rules.ts";
import { lookUpCrossDeviceRequest } from "../../domain/look-up-cross-device-request.ts";
import { pollCrossDeviceRequest } from "../../domain/poll-cross-device-request.ts";
import { requestCrossDevice } from "../../domain/request-cross-device.ts";
import type { PfEnv } from "../env.ts";
import { viewerAuth } from "../middleware/bearer-auth.ts";
import { perTerminalRateLimit, type RateLimit } from "../middleware/rate-limit.ts";
import { type JtiReplayGuard, terminalAuth } from "../middleware/terminal-auth.ts";
import { auditAs, errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";

const TV_TAG = "TV app (STB)";
const PHONE_TAG = "Phone (cross-device)";
const terminalSecurity = [{ terminalAssertion: [] }];
const viewerSecurity = [{ terminalAssertion: [], viewerToken: [] }];
const closedRequest = [
  "cross_device_request_cancelled",
  "cross_device_request_locked",
  "cross_device_request_used",
  "cross_device_request_expired",
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
const requestIdParam = z.object({ requestId: z.string().min(1).max(100) });

/** The phone's address, the key of the wrong-code limit (RFC 8628 §5.1); "local" for in-process requests. */
function phoneAddress(c: Context<PfEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

export function crossDeviceRoutes(
  replay: JtiReplayGuard,
  limit: RateLimit,
  pollLimit: RateLimit,
  deps: CrossDeviceDeps,
) {
  const app = new OpenAPIHono<PfEnv>();
  const terminal = terminalAuth(replay);
  const limited = perTerminalRateLimit("cross-device", limit);
  const pollLimited = perTerminalRateLimit("cross-device-poll", pollLimit);

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/cross-device-requests",
      tags: [TV_TAG],
      summary: "Ask for a phone to read the card (スマートフォンで): registration or login",
      description:
        "RFC 8628's device authorization request. The answer's `verificationUriComplete` is the QR code; `userCode` " +
        "(8 letters of `BCDFGHJKLMNPQRSTVWXZ`, shown `XXXX-XXXX`) is shown beside it for the viewer to compare on the phone. " +
        "The request lives 5 minutes, is bound to this terminal, and completes once. Poll it every `interval` seconds. " +
        "A login completed this way gives `acr` = `urn:catv:acr:pin-phone` (PIN level: the PIN was entered on the phone).",
      security: terminalSecurity,
      middleware: [auditAs("cross-device.request"), terminal, limited] as const,
      request: jsonBody(createCrossDeviceRequestSchema),
      responses: {
        201: jsonResponse(crossDeviceRequestResponseSchema, "The request, its user code and QR URL."),
        ...errorResponses("terminal_unauthorized", "rate_limited"),
      },
    }),
    async (c) =>
      send(
        c,
        crossDeviceRequestResponseSchema,
        await requestCrossDevice(c.get("ctx"), deps, c.get("terminal"), c.req.valid("json")),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/sessions/current/cross-device-step-up",
      tags: [TV_TAG],
      summary: "Ask for the PIN on the phone to step the current session up",
      description:
        "As `POST /v1/cross-device-requests`, for a `step-up`: the phone's card must be the session's viewer's " +
        "(`forbidden` otherwise); on completion the session is replaced by one with `acr` = `urn:catv:acr:pin-phone`.",
      security: viewerSecurity,
      middleware: [auditAs("cross-device.request"), terminal, viewerAuth, limited] as const,
      request: jsonBody(createCrossDeviceStepUpSchema),
      responses: {
        201: jsonResponse(crossDeviceRequestResponseSchema, "The request, its user code and QR URL."),
        ...errorResponses(
          "terminal_unauthorized",
          "unauthorized",
          "session_expired",
          "session_revoked",
          "rate_limited",
        ),
      },
    }),
    async (c) =>
      send(
        c,
        crossDeviceRequestResponseSchema,
        await requestCrossDevice(c.get("ctx"), deps, c.get("terminal"), {
          purpose: "step-up",
          terminalLabel: c.req.valid("json").terminalLabel,
          sessionId: c.get("viewer").session.id,
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/cross-device-requests/{requestId}/poll",
      tags: [TV_TAG],
      summary: "Poll a cross-device request",
      description:
        "`pending`, `confirmed` (a phone holds it), then once `session` (the TV's tokens) or `registered`. Only the " +
        "terminal that asked may poll (`cross_device_request_other_terminal`); a collected request answers " +
        "`cross_device_request_used`.",
      security: terminalSecurity,
      middleware: [auditAs("cross-device.poll"), terminal, pollLimited] as const,
      request: { params: requestIdParam },
      responses: {
        200: jsonResponse(crossDevicePollResponseSchema, "The request's state, or its result (once)."),
        ...errorResponses(
          "terminal_unauthorized",
          "rate_limited",
          "cross_device_request_unknown",
          "cross_device_request_other_terminal",
          ...closedRequest,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        crossDevicePollResponseSchema,
        await pollCrossDeviceRequest(c.get("ctx"), c.get("terminal"), c.req.valid("param").requestId),
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/cross-device-requests/{requestId}",
      tags: [TV_TAG],
      summary: "Cancel a cross-device request (Back on the TV)",
      security: terminalSecurity,
      middleware: [auditAs("cross-device.cancel"), terminal] as const,
      request: { params: requestIdParam },
      responses: {
        204: { description: "Cancelled (or already closed)." },
        ...errorResponses(
          "terminal_unauthorized",
          "cross_device_request_unknown",
          "cross_device_request_other_terminal",
        ),
      },
    }),
    async (c) => {
      await cancelCrossDeviceRequest(c.get("ctx"), c.get("terminal"), c.req.valid("param").requestId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/cross-device/lookup",
      tags: [PHONE_TAG],
      summary: "What the phone shows before the viewer confirms",
      description:
        "The operator's name (from the PF), the TV's name, when it asked, the purpose and the user code — so a viewer " +
        "notices a request they did not start (RFC 8628 §5.4). Wrong codes are limited per phone address " +
        "(`cross_device_too_many_attempts`, RFC 8628 §5.1).",
      middleware: [auditAs("cross-device.lookup")] as const,
      request: jsonBody(crossDeviceLookupRequestSchema),
      responses: {
        200: jsonResponse(crossDeviceLookupResponseSchema, "Who is asking."),
        ...errorResponses(
          "cross_device_user_code_unknown",
          "cross_device_too_many_attempts",
          ...closedRequest,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        crossDeviceLookupResponseSchema,
        await lookUpCrossDeviceRequest(c.get("ctx"), deps, c.req.valid("json").userCode, phoneAddress(c)),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/cross-device/confirm",
      tags: [PHONE_TAG],
      summary: "The viewer confirmed on this phone: claim the request and get the challenge",
      description:
        "The first phone to confirm holds the request (`phoneToken`); another phone is refused " +
        "(`cross_device_request_claimed`). The holding phone sends its `phoneToken` to get a fresh challenge before each card read.",
      middleware: [auditAs("cross-device.confirm")] as const,
      request: jsonBody(
        crossDeviceConfirmRequestSchema.extend({ phoneToken: z.string().max(200).optional() }),
      ),
      responses: {
        200: jsonResponse(crossDeviceConfirmResponseSchema, "The challenge to sign and this phone's token."),
        ...errorResponses(
          "cross_device_user_code_unknown",
          "cross_device_too_many_attempts",
          "cross_device_request_claimed",
          ...closedRequest,
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return send(
        c,
        crossDeviceConfirmResponseSchema,
        await confirmCrossDeviceRequest(
          c.get("ctx"),
          deps,
          { requestId: c.get("requestId") },
          { userCode: body.userCode, phoneToken: body.phoneToken, phoneAddress: phoneAddress(c) },
        ),
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/cross-device/answer",
      tags: [PHONE_TAG],
      summary: "The card's answer, read on the phone",
      description:
        "Login and step-up: the user-authentication certificate and its signature (after the 4-digit PIN) over the " +
        "confirmed `toBeSigned`. Registration: as `POST /v1/registrations`. Checked in the TV's scope exactly as a card " +
        "in the STB's reader; the TV collects the result on its next poll. A phone token of another request is refused " +
        "(`cross_device_answer_wrong_request`); three answers failing verification close the request (`cross_device_request_locked`).",
      middleware: [auditAs("cross-device.answer")] as const,
      request: jsonBody(crossDeviceAnswerRequestSchema),
      responses: {
        200: jsonResponse(crossDeviceAnswerResponseSchema, "Done; the TV continues."),
        ...errorResponses(
          "cross_device_request_unknown",
          "cross_device_answer_wrong_request",
          ...closedRequest,
          "challenge_wrong_purpose",
          "challenge_expired",
          "challenge_used",
          "card_not_registered",
          "viewer_of_other_operator",
          "consent_required",
          "certificate_pair_mismatch",
          "card_genuineness_failed",
          "session_revoked",
          "forbidden",
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        crossDeviceAnswerResponseSchema,
        await answerCrossDeviceRequest(c.get("ctx"), { requestId: c.get("requestId") }, c.req.valid("json")),
      ),
  );

  return app;
}
