/**
 * @module Use case: a registered verifier asks for a serial's status and relations — the other certificate of the
 * pair (証明書紐付け) and the older/newer certificate of the same type (証明書新旧紐付け). This is how the PF
 * follows a viewer across a move or renewal without any personal data.
 */
import type { LinkageAnswer, LinkageQuery } from "@catv/contracts";
import { fail } from "../errors.ts";
import type { JlisContext } from "./jlis-context.ts";
import { normalizeSerial } from "./serial-number.ts";

export async function queryLinkage(ctx: JlisContext, query: LinkageQuery): Promise<LinkageAnswer> {
  const serialNumber = normalizeSerial(query.serialNumber);
  const certificate = await ctx.repo.findCertificate(serialNumber);
  if (!certificate || certificate.certificateType !== query.certificateType) {
    fail("certificate_not_found", "J-LIS issued no certificate of this type with this serial");
  }
  return {
    serialNumber,
    certificateType: certificate.certificateType,
    status: certificate.revokedAt ? "revoked" : "good",
    ...(certificate.revocationReason ? { revocationReason: certificate.revocationReason } : {}),
    ...(certificate.pairedSerialNumber ? { pairedSerialNumber: certificate.pairedSerialNumber } : {}),
    ...(certificate.supersededBySerialNumber ? { supersededBy: certificate.supersededBySerialNumber } : {}),
    ...(certificate.supersedesSerialNumber ? { supersedes: certificate.supersedesSerialNumber } : {}),
  };
}
