/**
 * @module `account.updated`: the person's certificates were renewed (更新) or the signature certificate re-issued
 * after a change of 4情報 (転居, 婚姻…). The intake takes the new 4情報 and is marked for review: where the person is
 * linked, staff compare the new 4情報 with the 被保険者DB (the move may mean a loss of 国保 coverage, 転出).
 */
import type { accountUpdatedEventSchema } from "@catv/contracts";
import type { z } from "zod";
import { auditSystem } from "./audit.ts";
import type { EventContext } from "./event-context.ts";

type Updated = z.infer<typeof accountUpdatedEventSchema>["data"];

export async function recordAccountUpdate(context: EventContext, data: Updated): Promise<void> {
  const { tx, insurerId, at, requestId } = context;
  const known = await tx.registrations.get(insurerId, data.accountId);
  if (!known) {
    await auditSystem(tx, insurerId, "pf", at, requestId, {
      action: "registration.update_unknown",
      target: data.accountId,
      detail: "受付にない共通的PFIDの更新通知（記録のみ）",
    });
    return;
  }
  await tx.registrations.replaceFourInfo(insurerId, data.accountId, {
    fourInfo: data.fourInfo,
    updatedAt: data.updatedAt,
    reason: data.reason,
  });
  await auditSystem(tx, insurerId, "pf", at, requestId, {
    action: "registration.updated",
    target: data.accountId,
    detail: data.reason === "renewed" ? "電子証明書の更新" : "署名用電子証明書の再発行（4情報の変更）",
  });
}
