/**
 * @module The members staff may open an assisted registration (代理登録) for: those found by name, address or
 * contract ID, the one already picked first, active members only, each once — and the registrations opened lately.
 */
import type { Deps } from "./context.ts";
import type { AssistedRegistration, MemberSearchRow } from "./records.ts";

export async function findAssistedRegistrationMembers(
  deps: Deps,
  operatorId: string,
  search: { query: string; selectedMemberId: string | undefined },
): Promise<{ members: MemberSearchRow[]; recent: AssistedRegistration[] }> {
  const { households } = deps.repos;
  const q = search.query.trim();
  const byName = q
    ? [
        ...(await households.searchMembers(operatorId, { name: search.query }, 30)),
        ...(await households.searchMembers(operatorId, { address: search.query }, 10)),
      ]
    : [];
  const byContract = q ? await households.getByContractId(operatorId, q) : undefined;
  const picked = search.selectedMemberId
    ? await households.memberByMemberId(operatorId, search.selectedMemberId)
    : undefined;
  const pickedRows = picked
    ? await households.searchMembers(operatorId, { name: picked.name, birthDate: picked.birthDate }, 5)
    : [];
  const contractRows: MemberSearchRow[] = [];
  for (const m of byContract?.members ?? []) {
    contractRows.push(
      ...(await households.searchMembers(operatorId, { name: m.name, birthDate: m.birthDate }, 5)),
    );
  }
  const seen = new Set<string>();
  const members = [...pickedRows, ...contractRows, ...byName].filter(
    (m) => m.status === "active" && !seen.has(m.memberId) && seen.add(m.memberId),
  );
  const recent = await deps.repos.pfSync.listAssisted(operatorId, 20);
  return { members, recent };
}
