/**
 * @module Use case: a registered verifier asks for a serial's status and relations — the other certificate of the
 * pair (証明書紐付け) and the older/newer certificate of the same type (証明書新旧紐付け). This is how the PF
 * follows a viewer across a move or renewal without any personal data.
 */
import { z } from "zod";
import { fail } from "../errors.ts";
import type { JlisContext } from "./jlis-context.ts";
import { normalizeSerial } from "./serial-number.ts";

export const linkageQuerySchema = z.object({
  serialNumber: z.string().min(1).max(80),
  certificateType: z.enum(["sign", "auth"]),
});

export interface LinkageAnswer {
  serialNumber: string;
  certificateType: "sign" | "auth";
  status: "good" | "revoked";
  revocationReason?: string;
  pairedSerialNumber?: string;
  supersededBy?: string;
  supersedes?: string;
}

export function queryLinkage(ctx: JlisContext, query: z.infer<typeof linkageQuerySchema>): LinkageAnswer {
  const serialNumber = normalizeSerial(query.serialNumber);
  const certificate = ctx.repo.findCertificate(serialNumber);
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
