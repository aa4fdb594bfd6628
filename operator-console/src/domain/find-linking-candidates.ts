/**
 * @module The linking screen (紐づけ): one registered cable ID with the 4情報 the viewer shared, and the household
 * members that could be theirs — by the name on the certificate at first, or as staff search.
 */
import { ConsoleError } from "../errors.ts";
import type { Deps } from "./context.ts";

export interface MemberQuery {
  name: string;
  birthDate: string;
  address: string;
}

export async function findLinkingCandidates(
  deps: Deps,
  operatorId: string,
  cableId: string,
  query: MemberQuery | undefined,
) {
  const row = await deps.repos.cableIds.get(operatorId, cableId);
  if (!row) throw new ConsoleError("not_found", "ケーブルIDが見つかりません。");
  const searched = query ?? { name: row.fourInfo.name, birthDate: "", address: "" };
  return {
    row,
    query: searched,
    candidates: await deps.repos.households.searchMembers(operatorId, searched, 50),
  };
}
