/**
 * @module 失効情報確認: asks J-LIS whether a certificate is revoked, by the operator's policy (OCSP per check or
 * the CRL index), meters the check, and fails closed. A revoked certificate that belongs to a registered viewer
 * is recorded once (`record-revocation.ts`: marked revoked, sessions ended, one `cable_id.revoked` event).
 */

import type { ValidatedCertificate } from "../pki/validate-certificate.ts";
import { monthOf } from "../platform/clock.ts";
import { fail, isPfError } from "../platform/errors.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { METRICS } from "./metering.ts";
import { recordRevocation } from "./record-revocation.ts";

/**
 * Checks `cert` by the policy of `operatorId` (the viewer's operator; the terminal's when there is no viewer yet,
 * at registration) and meters the check to that operator.
 */
export async function checkRevocation(
  ctx: PfContext,
  scope: TerminalScope,
  cert: ValidatedCertificate,
  { operatorId = scope.operatorId }: { operatorId?: string } = {},
): Promise<void> {
  const operator = await ctx.store.tenants.getOperator(operatorId);
  if (!operator) throw fail("forbidden", "Unknown operator.");
  const now = ctx.clock.now();
  const month = monthOf(now);
  const meters = [
    { operatorId: operator.id, month, metric: METRICS.jpkiCheck(cert.kind) },
    { operatorId: operator.id, month, metric: METRICS.jpkiCheckByPolicy(operator.revocationPolicy) },
  ];
  let result: Awaited<ReturnType<PfContext["revocation"]["ocsp"]["check"]>>;
  try {
    result = await ctx.revocation[operator.revocationPolicy].check({
      certificate: cert.certificate,
      issuer: cert.issuer,
      kind: cert.kind,
      serialHex: cert.serialHex,
      now,
    });
  } catch (e) {
    const code = isPfError(e) ? e.code : "revocation_unavailable";
    await ctx.store.metering.record({
      audit: [
        { event: "revocation.check", outcome: "failure", code, actorKind: "system", ...scopeIds(scope) },
      ],
    });
    ctx.logger.log("warn", "revocation check unavailable", {
      requestId: scope.requestId,
      policy: operator.revocationPolicy,
    });
    if (isPfError(e)) throw e;
    throw fail("revocation_unavailable");
  }
  if (result.status === "good") {
    await ctx.store.metering.record({ meters });
    return;
  }
  if (result.status === "unknown") {
    await ctx.store.metering.record({ meters });
    throw fail("certificate_unknown_issuer", "J-LIS does not know this certificate.");
  }
  const { cableId } = await recordRevocation(ctx, {
    serialHex: cert.serialHex,
    kind: cert.kind,
    reason: result.reason,
    revokedAt: result.revokedAt,
    source: operator.revocationPolicy,
    foundBy: scope,
  });
  await ctx.store.metering.record({
    meters,
    audit: [
      {
        event: "revocation.check",
        outcome: "failure",
        code: "certificate_revoked",
        actorKind: "system",
        cableId,
        ...scopeIds(scope),
      },
    ],
  });
  throw fail("certificate_revoked");
}

const scopeIds = (scope: TerminalScope) => ({
  operatorId: scope.operatorId,
  terminalId: scope.terminalId,
  requestId: scope.requestId,
});
