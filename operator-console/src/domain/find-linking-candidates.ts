/**
 * @module The linking screen (紐づけ): one registered cable ID with the 4情報 the viewer shared, and the household
 * members that could be theirs — by the name on the certificate at first, or as staff search — each with how its
 * records compare with the 4情報, field by field.
 */
import { ConsoleError } from "../errors.ts";
import { compareWithFourInfo, type FieldComparison } from "./compare-with-four-info.ts";
import type { Deps } from "./context.ts";
import type { CableIdRecord, MemberSearchRow } from "./records.ts";

export interface MemberQuery {
  name: string;
  birthDate: string;
  address: string;
}

export interface LinkingCandidate {
  member: MemberSearchRow;
  comparison: FieldComparison[];
}

export async function findLinkingCandidates(
  deps: Deps,
  operatorId: string,
  cableId: string,
  query: MemberQuery | undefined,
): Promise<{ row: CableIdRecord; query: MemberQuery; candidates: LinkingCandidate[] }> {
  const row = await deps.repos.cableIds.get(operatorId, cableId);
  if (!row) throw new ConsoleError("not_found", "ケーブルIDが見つかりません。");
  const searched = query ?? { name: row.fourInfo.name, birthDate: "", address: "" };
  const members = await deps.repos.households.searchMembers(operatorId, searched, 50);
  return {
    row,
    query: searched,
    candidates: members.map((member) => ({ member, comparison: compareWithFourInfo(row.fourInfo, member) })),
  };
}
