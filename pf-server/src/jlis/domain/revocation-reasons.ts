/**
 * @module RFC 5280 §5.3.1 CRLReason names and codes. JPKI maps its triggers onto them (jpki.md §7):
 * 更新 = superseded, 記載事項変更 (move, name change) = affiliationChanged, 紛失 = keyCompromise.
 */
import { z } from "zod";

export const REVOCATION_REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASON_CODES;

export const revocationReasonSchema = z.enum(
  Object.keys(REVOCATION_REASON_CODES) as [RevocationReason, ...RevocationReason[]],
);

export const reasonCode = (reason: string): number =>
  REVOCATION_REASON_CODES[reason as RevocationReason] ?? REVOCATION_REASON_CODES.unspecified;
