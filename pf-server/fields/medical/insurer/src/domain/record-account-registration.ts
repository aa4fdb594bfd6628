/**
 * @module `account.registered` (参考１－１ ③): a person registered with this insurer — at a reception with staff
 * help or on the insurer's own page — and the PF issued a 共通的PFID. The verified 4情報 go into the intake
 * (一時格納DB), waiting for staff to identify the 被保険者 (参考１－２). The same account registered again keeps its
 * intake row and any link.
 */
import type { accountRegisteredEventSchema } from "@catv/contracts";
import type { z } from "zod";
import { auditSystem } from "./audit.ts";
import type { EventContext } from "./event-context.ts";

type Registered = z.infer<typeof accountRegisteredEventSchema>["data"];

export async function recordAccountRegistration(context: EventContext, data: Registered): Promise<void> {
  const { tx, insurerId, at, requestId } = context;
  const inserted = await tx.registrations.insert({
    insurerId,
    accountId: data.accountId,
    fourInfo: data.fourInfo,
    channel: data.via.channel,
    siteKind: data.via.channel === "terminal" ? data.via.siteKind : null,
    consentVersion: data.consent.textVersion,
    consentAcceptedAt: data.consent.acceptedAt,
    registeredAt: data.registeredAt,
    receivedAt: at,
    status: "active",
    revokedAt: null,
    revocationReason: null,
    revokedCertificate: null,
    updatedAt: null,
    updateReason: null,
    reviewPending: false,
  });
  await auditSystem(tx, insurerId, "pf", at, requestId, {
    action: inserted ? "registration.received" : "registration.repeated",
    target: data.accountId,
    detail: `利用者登録（${data.via.channel === "verifier" ? "保険者サイト" : "窓口端末"}）`,
  });
}
