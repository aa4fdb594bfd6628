/**
 * @module Use case: revoke one certificate with an RFC 5280 reason, then re-issue that CA's CRL.
 */
import { fail } from "../errors.ts";
import type { CertificateRecord, JlisRepository } from "../storage/jlis-repository.ts";
import type { JlisContext } from "./jlis-context.ts";
import type { RevocationReason } from "./revocation-reasons.ts";
import { normalizeSerial } from "./serial-number.ts";

/** Marks a certificate revoked unless it already is; returns whether it changed. For use inside transactions. */
export async function markRevoked(
  repo: JlisRepository,
  certificate: CertificateRecord | undefined,
  reason: RevocationReason,
  at: Date,
): Promise<boolean> {
  if (!certificate || certificate.revokedAt) return false;
  await repo.updateCertificate(certificate.serialNumber, {
    revokedAt: at.toISOString(),
    revocationReason: reason,
  });
  return true;
}

export async function revokeCertificate(
  ctx: JlisContext,
  serialHex: string,
  reason: RevocationReason,
): Promise<{
  serialNumber: string;
  certificateType: "sign" | "auth";
  revokedAt: string;
  reason: RevocationReason;
}> {
  const serialNumber = normalizeSerial(serialHex);
  const certificate =
    (await ctx.repo.findCertificate(serialNumber)) ??
    fail("certificate_not_found", "no certificate with this serial");
  if (certificate.revokedAt) fail("certificate_already_revoked", "the certificate is already revoked");
  const at = ctx.now();
  await ctx.repo.transaction((tx) => markRevoked(tx, certificate, reason, at));
  ctx.log.info("certificate revoked", { serialNumber, certificateType: certificate.certificateType, reason });
  await ctx.afterRevocation([certificate.certificateType]);
  return { serialNumber, certificateType: certificate.certificateType, revokedAt: at.toISOString(), reason };
}
