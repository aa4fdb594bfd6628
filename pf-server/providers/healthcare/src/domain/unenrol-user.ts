/**
 * @module Unenrolment (利用停止). Policy: health information is sensitive personal information (要配慮個人情報,
 * 個人情報保護法 2条3項), and this provider holds it only to show it to the viewer, so on unenrolment everything
 * is deleted at once — the link to the pairwise ID, the consent, checkups, steps, vaccinations and notices.
 * Only the delivered PF events remain, which carry no health data.
 */
import { jstMonth } from "@catv/contracts/calendar";
import { type HealthDeps, UNKNOWN_OPERATOR } from "./deps.ts";

export function unenrolUser(deps: HealthDeps, pairwiseId: string): Promise<{ unenrolled: boolean }> {
  return deps.store.transaction(async (tx) => {
    const user = await tx.users.findByPairwiseId(pairwiseId);
    if (!user) return { unenrolled: false };
    await tx.users.delete(user.id);
    await tx.usage.add(jstMonth(deps.now()), user.operatorId ?? UNKNOWN_OPERATOR, "unenrolment");
    return { unenrolled: true };
  });
}
