/**
 * @module The phone's answer: the card, touched to the phone, signed the request's challenge — with the
 * user-authentication key after the 4-digit PIN (login, step-up) or the signature key after its password
 * (registration). The PF checks it exactly as if the TV's own reader had sent it, in the TV's scope (its operator
 * and terminal), then records who answered; the TV collects the session on its next poll
 * (poll-cross-device-request.ts). Refused, each with its own code: an unknown request, the phone token of another
 * request, a closed request (cancelled, locked, used, expired). Answers that fail verification are counted and close
 * the request at `CROSS_DEVICE_MAX_FAILED_ANSWERS`, so a stolen QR code cannot be used to try cards for ever.
 */
import type { crossDeviceAnswerRequestSchema } from "@catv/contracts";
import type { z } from "zod";
import { fail, isPfError } from "../platform/errors.ts";
import { safeEqual, sha256Hex } from "../platform/ids.ts";
import type { CrossDeviceRequest } from "../storage/cross-device-repository.ts";
import type { PfContext, RequestScope, TerminalScope } from "./context.ts";
import { CROSS_DEVICE_MAX_FAILED_ANSWERS, refuseClosedRequest, tvScopeOf } from "./cross-device-rules.ts";
import { authenticateWithPin } from "./login-with-pin.ts";
import { registerViewer } from "./register-viewer.ts";

type Answer = z.infer<typeof crossDeviceAnswerRequestSchema>;

/** Refusals that mean "this card or signature does not answer the challenge": counted against the request. */
const VERIFICATION_FAILURES = new Set<string>([
  "signature_invalid",
  "certificate_malformed",
  "certificate_not_der",
  "certificate_unknown_issuer",
  "certificate_wrong_type",
  "certificate_pair_mismatch",
  "card_genuineness_failed",
  "base64_not_canonical",
]);

export async function answerCrossDeviceRequest(ctx: PfContext, scope: RequestScope, answer: Answer) {
  const request = await ctx.store.crossDevice.get(answer.requestId);
  if (!request) throw fail("cross_device_request_unknown");
  if (!request.phoneTokenHash || !safeEqual(sha256Hex(answer.phoneToken), request.phoneTokenHash))
    throw fail("cross_device_answer_wrong_request");
  const now = ctx.clock.now();
  refuseClosedRequest(request, now);
  if (answer.purpose !== request.purpose || !request.challengeId) throw fail("challenge_wrong_purpose");
  const tvScope = await tvScopeOf(ctx, request, scope.requestId);

  const { cableId, result } = await verifyAnswer(ctx, tvScope, request, request.challengeId, answer).catch(
    async (e: unknown) => {
      if (isPfError(e) && VERIFICATION_FAILURES.has(e.code))
        await ctx.store.crossDevice.countFailedAnswer(request.id, CROSS_DEVICE_MAX_FAILED_ANSWERS);
      throw e;
    },
  );
  const answered = await ctx.store.crossDevice.markAnswered(request.id, cableId, result, now.toISOString(), {
    audit: [
      {
        event: "cross-device.answer",
        outcome: "success",
        code: request.purpose,
        actorKind: "viewer",
        tenantId: request.operatorId,
        terminalId: request.terminalId,
        accountId: cableId,
        requestId: scope.requestId,
      },
    ],
  });
  if (!answered) throw fail("cross_device_request_used");
  return { status: "completed" as const, purpose: request.purpose };
}

async function verifyAnswer(
  ctx: PfContext,
  tvScope: TerminalScope,
  request: CrossDeviceRequest,
  challengeId: string,
  answer: Answer,
): Promise<{ cableId: string; result: unknown }> {
  if (answer.purpose === "registration") {
    const registration = await registerViewer(ctx, tvScope, {
      challengeId,
      signatureCertificate: answer.signatureCertificate,
      authenticationCertificate: answer.authenticationCertificate,
      signature: answer.signature,
      cardKeyProof: answer.cardKeyProof,
      consent: answer.consent,
    });
    return { cableId: registration.cableId, result: registration };
  }
  const { account } = await authenticateWithPin(
    ctx,
    tvScope,
    { challengeId, authenticationCertificate: answer.authenticationCertificate, signature: answer.signature },
    answer.purpose,
  );
  if (answer.purpose === "step-up") {
    const session = request.sessionId ? await ctx.store.sessions.getSession(request.sessionId) : undefined;
    if (!session || session.revokedAt) throw fail("session_revoked");
    if (session.cableId !== account.accountId)
      throw fail("forbidden", "The card belongs to another viewer than the TV's session.");
  }
  return { cableId: account.accountId, result: null };
}
