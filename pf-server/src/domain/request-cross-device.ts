/**
 * @module The TV asks for a cross-device request (RFC 8628 §3.1–3.2): the PF answers a request ID for polling, a
 * user code and the phone page's URL with the code filled in (the QR code). Bound to the asking terminal and its
 * operator; a step-up request also to the session it raises. Nothing is signed yet: the challenge is issued when a
 * phone confirms (confirm-cross-device-request.ts), so it is as fresh as the card's answer.
 */
import {
  CROSS_DEVICE_POLL_INTERVAL_SECONDS,
  CROSS_DEVICE_TTL_SECONDS,
  type CrossDevicePurpose,
  type crossDeviceRequestResponseSchema,
} from "@catv/contracts";
import type { z } from "zod";
import { addSeconds } from "../platform/clock.ts";
import { randomId } from "../platform/ids.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { type CrossDeviceDeps, formatUserCode, hashUserCode, newUserCode } from "./cross-device-rules.ts";

type Response = z.infer<typeof crossDeviceRequestResponseSchema>;

export async function requestCrossDevice(
  ctx: PfContext,
  deps: CrossDeviceDeps,
  scope: TerminalScope,
  input: { purpose: CrossDevicePurpose; terminalLabel: string; sessionId?: string },
): Promise<Response> {
  const now = ctx.clock.now();
  const expiresAt = addSeconds(now, CROSS_DEVICE_TTL_SECONDS).toISOString();
  let userCode = newUserCode();
  // 20^8 codes against the few in use at once: a clash is all but impossible, and is simply drawn again (an old
  // request with the same code would otherwise hide the new one, or the new one an old refusal).
  while (await ctx.store.crossDevice.findByUserCodeHash(hashUserCode(userCode))) userCode = newUserCode();
  const id = randomId("xdr");
  await ctx.store.crossDevice.create(
    {
      id,
      userCodeHash: hashUserCode(userCode),
      purpose: input.purpose,
      operatorId: scope.tenantId,
      terminalId: scope.terminalId,
      terminalLabel: input.terminalLabel,
      sessionId: input.sessionId ?? null,
      status: "pending",
      challengeId: null,
      phoneTokenHash: null,
      failedAnswers: 0,
      cableId: null,
      result: null,
      expiresAt,
      createdAt: now.toISOString(),
      confirmedAt: null,
      answeredAt: null,
      deliveredAt: null,
    },
    {
      audit: [
        {
          event: "cross-device.request",
          outcome: "success",
          code: input.purpose,
          actorKind: "terminal",
          actorId: scope.terminalId,
          tenantId: scope.tenantId,
          terminalId: scope.terminalId,
          requestId: scope.requestId,
        },
      ],
    },
  );
  const shown = formatUserCode(userCode);
  const complete = new URL(deps.phoneAppUrl);
  complete.searchParams.set("code", shown);
  return {
    requestId: id,
    userCode: shown,
    verificationUri: deps.phoneAppUrl,
    verificationUriComplete: complete.toString(),
    expiresAt,
    interval: CROSS_DEVICE_POLL_INTERVAL_SECONDS,
  };
}
