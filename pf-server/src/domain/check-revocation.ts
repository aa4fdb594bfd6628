/**
 * @module 失効情報確認: asks J-LIS whether a certificate is revoked, by the operator's policy (OCSP per check or
 * the CRL index), meters the check, and fails closed. A revoked certificate that belongs to a registered viewer
 * is marked revoked and the operator gets one `cable_id.revoked` event.
 */

import { operatorEvent } from "../outbox/events.ts";
import type { ValidatedCertificate } from "../pki/validate-certificate.ts";
import { monthOf } from "../platform/clock.ts";
import { fail, isPfError } from "../platform/errors.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { METRICS } from "./metering.ts";

export async function checkRevocation(
  ctx: PfContext,
  scope: TerminalScope,
  cert: ValidatedCertificate,
): Promise<void> {
  const operator = await ctx.store.tenants.getOperator(scope.operatorId);
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
  const known = await ctx.store.viewers.findCertificate(cert.serialHex, cert.kind);
  const events = [];
  if (known && known.status !== "revoked") {
    const viewer = await ctx.store.viewers.getViewer(known.cableId);
    if (viewer) {
      events.push(
        operatorEvent(
          viewer.operatorId,
          "cable_id.revoked",
          {
            cableId: viewer.cableId,
            revokedAt: result.revokedAt,
            reason: result.reason,
            certificate: cert.kind === "sign" ? "signature" : "authentication",
          },
          now,
        ),
      );
    }
    await ctx.store.viewers.markCertificateRevoked(cert.serialHex, cert.kind, {
      events,
      meters,
      audit: [
        {
          event: "revocation.check",
          outcome: "failure",
          code: "certificate_revoked",
          actorKind: "system",
          cableId: known.cableId,
          ...scopeIds(scope),
        },
      ],
    });
  } else {
    await ctx.store.metering.record({ meters });
  }
  throw fail("certificate_revoked");
}

const scopeIds = (scope: TerminalScope) => ({
  operatorId: scope.operatorId,
  terminalId: scope.terminalId,
  requestId: scope.requestId,
});
