/**
 * @module `cable_id.registered`: a viewer registered on an STB of this operator. The cable ID is stored with the
 * 4情報 the viewer consented to share, linked to a household member at once when staff opened the registration for
 * that member (assisted) or when the 4情報 match exactly one member (automatic), and queued for staff otherwise;
 * the link state is then owed to the PF, so the TV can tell the viewer.
 */
import type { OperatorEvent } from "@catv/contracts";
import type { Deps } from "./context.ts";
import { findAutomaticMatch } from "./link-cable-id.ts";

type CableIdRegistered = Extract<OperatorEvent, { type: "cable_id.registered" }>;

export async function recordCableIdRegistration(
  deps: Deps,
  operatorId: string,
  event: CableIdRegistered,
  at: string,
): Promise<void> {
  const { repos } = deps;
  const { data } = event;
  await repos.cableIds.insert(operatorId, {
    cableId: data.cableId,
    terminalId: data.terminalId,
    registeredAt: data.registeredAt,
    fourInfo: data.fourInfo,
  });
  const link =
    (await assistedLink(deps, operatorId, data.assisted)) ??
    (await findAutomaticMatch(deps, operatorId, data.fourInfo));
  if (link) {
    await repos.cableIds.link(operatorId, data.cableId, { ...link, at });
  }
  await repos.pfSync.enqueueLink(operatorId, data.cableId, link ? "linked" : "pending", at);
  deps.log("info", "cable_id.registered", {
    operatorId,
    cableId: data.cableId,
    linked: link?.method ?? "queue",
  });
}

/** An assisted registration names the member staff chose; trust it only if that member is this operator's. */
async function assistedLink(
  deps: Deps,
  operatorId: string,
  assisted: { contractId: string; memberId: string } | undefined,
) {
  if (!assisted) return undefined;
  const member = await deps.repos.households.memberByMemberId(operatorId, assisted.memberId);
  const household = member && (await deps.repos.households.get(operatorId, member.householdId));
  if (!member || !household || household.contractId !== assisted.contractId) {
    deps.log("warn", "assisted registration names an unknown member; queued for staff", { operatorId });
    return undefined;
  }
  return { householdId: household.id, memberRowId: member.id, method: "assisted" as const };
}
