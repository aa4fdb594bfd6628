/**
 * @module The TV cancels its request (Back, or a new code after expiry): the phone that holds it is told
 * `cross_device_request_cancelled` and no answer can complete it any more.
 */
import type { PfContext, TerminalScope } from "./context.ts";
import { requestOfTerminal } from "./poll-cross-device-request.ts";

export async function cancelCrossDeviceRequest(
  ctx: PfContext,
  scope: TerminalScope,
  requestId: string,
): Promise<void> {
  const request = await requestOfTerminal(ctx, scope, requestId);
  // Past its time it is closed already: left as it is, a phone opening it later is told it expired, not cancelled.
  if (new Date(request.expiresAt) <= ctx.clock.now()) return;
  // Already answered, delivered or closed: nothing to cancel, and nothing to refuse either (Back is always fine).
  await ctx.store.crossDevice.cancel(request.id, {
    audit: [
      {
        event: "cross-device.cancel",
        outcome: "success",
        actorKind: "terminal",
        actorId: scope.terminalId,
        tenantId: scope.tenantId,
        terminalId: scope.terminalId,
        requestId: scope.requestId,
      },
    ],
  });
}
