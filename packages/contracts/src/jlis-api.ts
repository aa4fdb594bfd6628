/**
 * @module What the PF, as a registered verifier (署名検証者), asks the (simulated) J-LIS beyond the standard
 * OCSP and CRL: the 券面 CA keys it publishes, and the linkage of a certificate (証明書紐付け: the other certificate
 * of the pair; 証明書新旧紐付け: the older and newer certificate of the same type), which is how the PF follows a
 * viewer across a move or renewal without any personal data. Verifier endpoints take HTTP Basic
 * `<verifier id>:<secret>`.
 */
import { z } from "zod";

export const certificateTypeSchema = z.enum(["sign", "auth"]);

/** GET /ca/kenkaku.json — the 券面事項確認AP CA keys a verifier checks a card-verifiable certificate with. */
export const kenkakuCaKeysSchema = z.object({
  keys: z.array(
    z.object({
      /** Hex of the 16-byte key ID the CVC names its issuer with. */
      keyId: z.string(),
      /** Base64 DER SubjectPublicKeyInfo. */
      publicKeySpki: z.string(),
    }),
  ),
});

/** POST /linkage/query — a serial's status and relations; 404 `certificate_not_found` when J-LIS issued none. */
export const linkageQuerySchema = z.object({
  serialNumber: z.string().min(1).max(80),
  certificateType: certificateTypeSchema,
});
export const linkageAnswerSchema = z.object({
  serialNumber: z.string(),
  certificateType: certificateTypeSchema,
  status: z.enum(["good", "revoked"]),
  revocationReason: z.string().optional(),
  pairedSerialNumber: z.string().optional(),
  supersededBy: z.string().optional(),
  supersedes: z.string().optional(),
});
export type KenkakuCaKeys = z.infer<typeof kenkakuCaKeysSchema>;
export type LinkageQuery = z.infer<typeof linkageQuerySchema>;
export type LinkageAnswer = z.infer<typeof linkageAnswerSchema>;
