/**
 * @module `account.revoked`: J-LIS revoked one of the person's certificates. The user-authentication certificate
 * revoked (a lost card, say) means the card can no longer be used at a reception: the intake shows it, and staff
 * do not link it until the person registers the new card. A signature certificate revoked for a change of 4情報
 * (affiliationChanged) is recorded; the card still works.
 */
import type { accountRevokedEventSchema } from "@catv/contracts";
import type { z } from "zod";
import { auditSystem } from "./audit.ts";
import type { EventContext } from "./event-context.ts";

type Revoked = z.infer<typeof accountRevokedEventSchema>["data"];

export async function recordAccountRevocation(context: EventContext, data: Revoked): Promise<void> {
  const { tx, insurerId, at, requestId } = context;
  const known = await tx.registrations.get(insurerId, data.accountId);
  if (known) {
    await tx.registrations.markRevoked(insurerId, data.accountId, {
      at: data.revokedAt,
      reason: data.reason,
      certificate: data.certificate,
      status: data.certificate === "authentication" ? "revoked" : known.status,
    });
  }
  await auditSystem(tx, insurerId, "pf", at, requestId, {
    action: known ? "registration.revoked" : "registration.revoked_unknown",
    target: data.accountId,
    detail: `${data.certificate === "authentication" ? "利用者証明用" : "署名用"}電子証明書の失効（${data.reason}）`,
  });
}
