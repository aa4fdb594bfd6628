/**
 * @module The TV polls its request (RFC 8628 §3.4–3.5): pending, confirmed by a phone, or done — then the TV's
 * session begins (`acr` `urn:catv:acr:pin-phone`), or the registration's answer is handed over, exactly once.
 * Only the terminal that asked may poll (`cross_device_request_other_terminal`): a rogue STB that learnt the
 * request ID gets nothing.
 */
import type { CrossDevicePollResponse } from "@catv/contracts";
import { fail } from "../platform/errors.ts";
import type { CrossDeviceRequest } from "../storage/cross-device-repository.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { issueSession } from "./issue-session.ts";
import { METRICS } from "./metering.ts";

/** The request of this terminal, or the refusal that says why not. */
export async function requestOfTerminal(
  ctx: PfContext,
  scope: TerminalScope,
  requestId: string,
): Promise<CrossDeviceRequest> {
  const request = await ctx.store.crossDevice.get(requestId);
  if (!request) throw fail("cross_device_request_unknown");
  if (request.terminalId !== scope.terminalId || request.operatorId !== scope.tenantId)
    throw fail("cross_device_request_other_terminal");
  return request;
}

export async function pollCrossDeviceRequest(
  ctx: PfContext,
  scope: TerminalScope,
  requestId: string,
): Promise<CrossDevicePollResponse> {
  const request = await requestOfTerminal(ctx, scope, requestId);
  const now = ctx.clock.now();
  if (request.status === "cancelled") throw fail("cross_device_request_cancelled");
  if (request.status === "locked") throw fail("cross_device_request_locked");
  if (request.status === "delivered") throw fail("cross_device_request_used");
  if (request.status === "answered") return deliver(ctx, scope, request);
  if (new Date(request.expiresAt) <= now) throw fail("cross_device_request_expired");
  return { status: request.status, expiresAt: request.expiresAt };
}

async function deliver(
  ctx: PfContext,
  scope: TerminalScope,
  request: CrossDeviceRequest,
): Promise<CrossDevicePollResponse> {
  const now = ctx.clock.now().toISOString();
  // Collected once: of two concurrent polls, one gets the session and the other `cross_device_request_used`.
  if (!(await ctx.store.crossDevice.markDelivered(request.id, now))) throw fail("cross_device_request_used");
  const cableId = request.cableId ?? "";
  if (request.purpose === "registration")
    return {
      status: "registered",
      registration: request.result as Extract<
        CrossDevicePollResponse,
        { status: "registered" }
      >["registration"],
    };
  if (request.purpose === "step-up" && request.sessionId) {
    await ctx.store.sessions.revokeSession(request.sessionId, now);
    const tokens = await issueSession(
      ctx,
      scope,
      cableId,
      "urn:catv:acr:pin-phone",
      METRICS.stepUps,
      "session.step-up.phone",
    );
    return { status: "session", tokens };
  }
  const tokens = await issueSession(
    ctx,
    scope,
    cableId,
    "urn:catv:acr:pin-phone",
    METRICS.loginPin,
    "login.pin-phone",
  );
  return { status: "session", tokens };
}
