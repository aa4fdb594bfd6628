/**
 * @module The revocation check interface: one implementation per operator policy (OCSP per check, or a CRL
 * index refreshed on a schedule). Implementations throw `revocation_unavailable` rather than guess (fail closed).
 */
import type { x509 } from "@catv/jpki/x509";
import type { CertificateKind } from "../storage/repositories.ts";

export type RevocationStatus =
  | { status: "good" }
  | { status: "revoked"; reason: string; revokedAt: string }
  | { status: "unknown" };

export interface RevocationChecker {
  check(input: {
    certificate: x509.X509Certificate;
    issuer: x509.X509Certificate;
    kind: CertificateKind;
    serialHex: string;
    now: Date;
  }): Promise<RevocationStatus>;
}

/** RFC 5280 §5.3.1 CRLReason names, as J-LIS reports them in events. */
export const CRL_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "unused",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;
export const reasonName = (code: number | undefined) => CRL_REASONS[code ?? 0] ?? "unspecified";
