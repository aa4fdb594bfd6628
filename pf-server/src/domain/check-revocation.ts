/**
 * @module 失効情報確認: asks J-LIS whether a certificate is revoked, by the policy of the verifier the person uses
 * (OCSP per check or the CRL index), meters the check to that verifier, and fails closed. A revoked certificate
 * that belongs to a registered person is recorded once (`record-revocation.ts`: marked revoked, sessions ended,
 * one event to every verifier holding an account of the person).
 */

import type { ValidatedCertificate } from "../pki/validate-certificate.ts";
import { monthOf } from "../platform/clock.ts";
import { fail, isPfError } from "../platform/errors.ts";
import type { PfContext, RequestScope } from "./context.ts";
import { METRICS } from "./metering.ts";
import { recordRevocation } from "./record-revocation.ts";

/** Who asked, for the audit row: the terminal's owner and terminal, or a verifier's own page (no terminal). */
export interface CheckScope extends RequestScope {
  tenantId: string;
  terminalId?: string | null;
}

/**
 * Checks `cert` by the revocation policy of `verifierId` (the verifier of the account the person uses, or the one
 * they register with) and meters the check to that verifier.
 */
export async function checkRevocation(
  ctx: PfContext,
  scope: CheckScope,
  cert: ValidatedCertificate,
  { verifierId }: { verifierId: string },
): Promise<void> {
  const verifier = await ctx.store.tenants.getVerifier(verifierId);
  if (!verifier) throw fail("forbidden", "Unknown verifier.");
  const now = ctx.clock.now();
  const month = monthOf(now);
  const meters = [
    { tenantId: verifierId, month, metric: METRICS.jpkiCheck(cert.kind) },
    { tenantId: verifierId, month, metric: METRICS.jpkiCheckByPolicy(verifier.revocationPolicy) },
  ];
  let result: Awaited<ReturnType<PfContext["revocation"]["ocsp"]["check"]>>;
  try {
    result = await ctx.revocation[verifier.revocationPolicy].check({
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
      policy: verifier.revocationPolicy,
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
  const { accountIds } = await recordRevocation(ctx, {
    serialHex: cert.serialHex,
    kind: cert.kind,
    reason: result.reason,
    revokedAt: result.revokedAt,
    source: verifier.revocationPolicy,
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
        accountId: accountIds[0] ?? null,
        ...scopeIds(scope),
      },
    ],
  });
  throw fail("certificate_revoked");
}

const scopeIds = (scope: CheckScope) => ({
  tenantId: scope.tenantId,
  terminalId: scope.terminalId ?? null,
  requestId: scope.requestId,
});
