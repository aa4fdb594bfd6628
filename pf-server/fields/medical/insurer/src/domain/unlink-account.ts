/**
 * @module Unlinking a 共通的PFID from a 被保険者 (a wrong link, a record replaced): the link ends (kept for the record,
 * with who, when and why), and when the 共通的PFID has no link left the PF is told it is pending again, so a
 * reception answers "not yet linked" instead of asking the insurer.
 */
import { auditStaff } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import type { Actor, Deps } from "./ports.ts";

export async function unlinkAccount(
  deps: Deps,
  actor: Actor,
  request: { accountId: string; personId: string; reason: string },
): Promise<void> {
  const reason = request.reason.trim();
  if (!reason) throw fail("unlink_reason_required");
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const live = await tx.links.live(actor.insurerId, request.accountId);
    const link = live.find((l) => l.personId === request.personId);
    if (!link) throw fail("link_unknown");
    await tx.links.end(actor.insurerId, link.id, { at, by: actor.loginId, reason: reason.slice(0, 200) });
    if (live.length === 1) await tx.outbox.enqueue(actor.insurerId, request.accountId, "pending", at);
    await auditStaff(tx, actor, at, {
      action: "link.remove",
      target: request.accountId,
      detail: `${request.accountId} ↛ ${request.personId} 理由: ${reason.slice(0, 100)}`,
    });
  });
  deps.linkDeliveryDue?.();
}
