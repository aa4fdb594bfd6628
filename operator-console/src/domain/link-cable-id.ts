/**
 * @module Linking a cable ID to a household member (参考２－１ (2), 参考１－２): automatically when the 4情報 agree
 * with exactly one member, by staff from the linking queue otherwise; unlinking puts it back in the queue.
 * A manual link to a member whose records differ from the 4情報 in any field links someone the certificate does
 * not describe, so it needs staff to confirm exactly those differences first, and is audited as a mismatch link.
 * Every change is told to the PF through the household-link outbox so that the TV shows the right state.
 */
import type { FourInfo } from "@catv/contracts";
import { ConsoleError } from "../errors.ts";
import {
  compareWithFourInfo,
  differingFields,
  type FieldComparison,
  type FourInfoField,
  fieldList,
} from "./compare-with-four-info.ts";
import { type Actor, audit, type Deps, inTransaction } from "./context.ts";
import { namesAgree, normaliseAddress } from "./normalise-address.ts";
import type { CableIdRecord, Household, Member } from "./records.ts";

/**
 * The member whose name, birth date and normalised address agree with the 4情報, if exactly one does.
 * Two candidates (twins registered under one name form, a data-entry duplicate) are left to staff.
 */
export async function findAutomaticMatch(
  deps: Deps,
  operatorId: string,
  fourInfo: FourInfo,
): Promise<{ householdId: number; memberRowId: number; method: "auto" } | undefined> {
  const addressKey = normaliseAddress(fourInfo.address);
  const candidates = (await deps.repos.households.matchCandidates(operatorId, fourInfo.dateOfBirth)).filter(
    (c) => c.addressKey === addressKey && namesAgree(fourInfo.name, fourInfo.nameAlternativeFlags, c.name),
  );
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only && { householdId: only.householdId, memberRowId: only.memberRowId, method: "auto" };
}

/** A manual link as staff are about to make it: the cable ID, the member and how their records compare. */
export interface ManualLink {
  row: CableIdRecord;
  member: Member;
  household: Household;
  comparison: FieldComparison[];
}

async function loadManualLink(deps: Deps, operatorId: string, cableId: string, memberId: string) {
  const { repos } = deps;
  const row = await repos.cableIds.get(operatorId, cableId);
  if (!row) throw new ConsoleError("not_found", "ケーブルIDが見つかりません。");
  const member = await repos.households.memberByMemberId(operatorId, memberId);
  if (!member) throw new ConsoleError("not_found", "世帯員が見つかりません。");
  const household = await repos.households.get(operatorId, member.householdId);
  if (!household) throw new ConsoleError("not_found", "世帯員が見つかりません。");
  const comparison = compareWithFourInfo(row.fourInfo, { ...member, address: household.address });
  return { row, member, household, comparison };
}

/** What staff confirm before a link to a member who differs from the 4情報 (the confirmation page). */
export function showManualLink(
  deps: Deps,
  operatorId: string,
  cableId: string,
  memberId: string,
): Promise<ManualLink> {
  return loadManualLink(deps, operatorId, cableId, memberId);
}

const sameFields = (a: readonly FourInfoField[], b: readonly FourInfoField[]) =>
  a.length === b.length && a.every((f) => b.includes(f));

/**
 * Staff link a pending cable ID to a member they identified (参考１－２ ②③). Where the member's records differ
 * from the 4情報, `confirmedDifferences` must name exactly the differing fields — what staff were shown — or the
 * link is refused with `link_mismatch_unconfirmed` (its details list the fields), and nothing changes.
 */
export async function linkCableIdManually(
  deps: Deps,
  actor: Actor,
  cableId: string,
  memberId: string,
  options: { correctMember?: boolean; confirmedDifferences?: readonly FourInfoField[] } = {},
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const { repos } = tx;
    const { row, member, household, comparison } = await loadManualLink(
      tx,
      actor.operatorId,
      cableId,
      memberId,
    );
    if (row.status !== "pending") throw new ConsoleError("cable_id_not_pending");
    if (household.status !== "active") throw new ConsoleError("household_closed");
    const differences = differingFields(comparison);
    if (differences.length > 0 && !sameFields(differences, options.confirmedDifferences ?? [])) {
      throw new ConsoleError("link_mismatch_unconfirmed", undefined, { fields: differences });
    }
    const at = tx.now().toISOString();
    await repos.cableIds.link(actor.operatorId, cableId, {
      householdId: household.id,
      memberRowId: member.id,
      method: "manual",
      at,
    });
    // 参考１－２ ④: where the application differs from the records, staff may correct the records to match.
    if (options.correctMember) {
      const { name, dateOfBirth, gender } = row.fourInfo;
      await repos.households.correctMember(actor.operatorId, member.id, {
        name,
        birthDate: dateOfBirth,
        gender,
      });
      await audit(tx, actor, "member.correct_from_certificate", {
        householdId: household.id,
        contractId: household.contractId,
        detail: `${member.memberId} の氏名・生年月日・性別を4情報に合わせて修正`,
      });
    }
    await repos.pfSync.enqueueLink(actor.operatorId, cableId, "linked", at);
    await audit(tx, actor, differences.length > 0 ? "cable_id.link_mismatch" : "cable_id.link", {
      householdId: household.id,
      contractId: household.contractId,
      detail:
        differences.length > 0
          ? `${cableId} → ${member.memberId} 不一致: ${fieldList(differences)}（相違を確認のうえ紐づけ）`
          : `${cableId} → ${member.memberId}`,
    });
  });
  deps.pfDeliveryDue?.();
}

export async function unlinkCableId(
  deps: Deps,
  actor: Actor,
  cableId: string,
  reason: string,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const { repos } = tx;
    const row = await repos.cableIds.get(actor.operatorId, cableId);
    if (!row) throw new ConsoleError("not_found", "ケーブルIDが見つかりません。");
    if (row.status !== "linked") throw new ConsoleError("cable_id_not_linked");
    const at = tx.now().toISOString();
    await repos.cableIds.unlink(actor.operatorId, cableId);
    await repos.pfSync.enqueueLink(actor.operatorId, cableId, "pending", at);
    await audit(tx, actor, "cable_id.unlink", {
      householdId: row.householdId,
      contractId: row.contractId,
      detail: `${cableId}（${row.memberId ?? ""}）理由: ${reason.slice(0, 100)}`,
    });
  });
  deps.pfDeliveryDue?.();
}
