/**
 * @module The phone opens a request by its user code and shows who is asking before the viewer confirms: the
 * operator (from the PF's records, not from the TV), the name the household gave the TV, when it asked, and the
 * user code to compare with the TV (RFC 8628 §3.3.1, §5.4 remote phishing). Wrong codes count against the phone's
 * address (§5.1).
 */
import type { crossDeviceLookupResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import type { CrossDeviceRequest } from "../storage/cross-device-repository.ts";
import type { PfContext } from "./context.ts";
import {
  type CrossDeviceDeps,
  formatUserCode,
  hashUserCode,
  refuseClosedRequest,
} from "./cross-device-rules.ts";

/**
 * Finds the request of a normalised user code, counting a miss against `phoneAddress`; a request that is closed
 * (cancelled, locked, used, expired) is refused with its own code, so a QR opened too late says so.
 */
export async function findOpenRequestByUserCode(
  ctx: PfContext,
  deps: CrossDeviceDeps,
  userCode: string,
  phoneAddress: string,
): Promise<CrossDeviceRequest> {
  const now = ctx.clock.now();
  await deps.userCodeAttempts.check(phoneAddress, now.getTime());
  const request = await ctx.store.crossDevice.findByUserCodeHash(hashUserCode(userCode));
  if (!request) {
    await deps.userCodeAttempts.recordFailure(phoneAddress, now.getTime());
    throw fail("cross_device_user_code_unknown");
  }
  refuseClosedRequest(request, now);
  return request;
}

export async function lookUpCrossDeviceRequest(
  ctx: PfContext,
  deps: CrossDeviceDeps,
  userCode: string,
  phoneAddress: string,
): Promise<z.infer<typeof crossDeviceLookupResponseSchema>> {
  const request = await findOpenRequestByUserCode(ctx, deps, userCode, phoneAddress);
  const operator = await ctx.store.tenants.getTenant(request.operatorId);
  return {
    purpose: request.purpose,
    operatorName: operator?.name ?? request.operatorId,
    terminalLabel: request.terminalLabel,
    userCode: formatUserCode(userCode),
    requestedAt: request.createdAt,
    expiresAt: request.expiresAt,
  };
}
