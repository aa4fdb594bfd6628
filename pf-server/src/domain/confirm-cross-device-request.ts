/**
 * @module The viewer confirmed on the phone: the first phone to confirm holds the request from then on (a
 * `phoneToken` only it has), and gets a challenge bound to the TV's operator and terminal and to the purpose, for
 * the card to sign. A second phone — a QR code photographed or forwarded — is refused
 * (`cross_device_request_claimed`). The holding phone asks again, with its token, for a fresh challenge before each
 * card read, so a slow PIN entry never meets an expired challenge.
 */
import { randomBytes } from "node:crypto";
import type { ChallengePurpose, crossDeviceConfirmResponseSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail } from "../platform/errors.ts";
import { safeEqual, sha256Hex } from "../platform/ids.ts";
import { issueChallenge, toBeSigned } from "./challenges.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { type CrossDeviceDeps, tvScopeOf } from "./cross-device-rules.ts";
import { findOpenRequestByUserCode } from "./look-up-cross-device-request.ts";

type Response = z.infer<typeof crossDeviceConfirmResponseSchema>;

export async function confirmCrossDeviceRequest(
  ctx: PfContext,
  deps: CrossDeviceDeps,
  scope: RequestScope,
  input: { userCode: string; phoneToken?: string | undefined; phoneAddress: string },
): Promise<Response> {
  const request = await findOpenRequestByUserCode(ctx, deps, input.userCode, input.phoneAddress);
  const tvScope = await tvScopeOf(ctx, request, scope.requestId);
  const purpose: ChallengePurpose = request.purpose;
  const heldByThisPhone =
    request.status === "confirmed" &&
    input.phoneToken !== undefined &&
    request.phoneTokenHash !== null &&
    safeEqual(sha256Hex(input.phoneToken), request.phoneTokenHash);
  if (request.status === "confirmed" && !heldByThisPhone) throw fail("cross_device_request_claimed");

  const challenge = await issueChallenge(ctx, tvScope, purpose);
  let phoneToken = input.phoneToken ?? "";
  if (heldByThisPhone) {
    await ctx.store.crossDevice.replaceChallenge(request.id, challenge.id);
  } else {
    phoneToken = randomBytes(32).toString("base64url");
    const claimed = await ctx.store.crossDevice.claim(
      request.id,
      sha256Hex(phoneToken),
      challenge.id,
      ctx.clock.now().toISOString(),
      {
        audit: [
          {
            event: "cross-device.confirm",
            outcome: "success",
            code: request.purpose,
            actorKind: "viewer",
            tenantId: request.operatorId,
            terminalId: request.terminalId,
            requestId: scope.requestId,
          },
        ],
      },
    );
    // Another phone confirmed between our read and this update.
    if (!claimed) throw fail("cross_device_request_claimed");
  }
  return {
    requestId: request.id,
    phoneToken,
    purpose: request.purpose,
    toBeSigned: toBeSigned(challenge).toString("base64"),
    expiresAt: request.expiresAt,
  };
}
