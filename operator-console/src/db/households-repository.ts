/**
 * @module Storage of household contracts (契約者ID(世帯)) and their members, always scoped by operator.
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { cableIdSearchKey, normaliseAddress, normaliseName } from "../domain/normalise-address.ts";
import type { Household, HouseholdSummary, Member, MemberInput, MemberSearchRow } from "../domain/records.ts";
import type { HouseholdsRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { households, members } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

function memberRows(
  operatorId: string,
  householdId: number,
  contractId: string,
  list: MemberInput[],
  start: number,
) {
  return list.map((m, i) => ({
    operatorId,
    householdId,
    memberId: m.memberId ?? `${contractId}-${String(start + i + 1).padStart(2, "0")}`,
    name: m.name,
    nameKey: normaliseName(m.name),
    birthDate: m.birthDate,
    gender: m.gender,
  }));
}

/** The columns every member read returns. */
const memberColumns = {
  id: members.id,
  memberId: members.memberId,
  name: members.name,
  birthDate: members.birthDate,
  gender: members.gender,
};

const toHousehold = (row: typeof households.$inferSelect, memberList: Member[]): Household => ({
  id: row.id,
  contractId: row.contractId,
  address: row.address,
  plan: row.plan,
  monthlyFeeYen: row.monthlyFeeYen,
  status: row.status,
  serviceStartDate: row.serviceStartDate,
  closedAt: row.closedAt,
  createdAt: row.createdAt,
  members: memberList,
});

/** The scope of a write to one household: its ID and the operator's, never the ID alone. */
const operatorsHousehold = (operatorId: string, id: number) =>
  and(eq(households.operatorId, operatorId), eq(households.id, id));

export function createHouseholdsRepository(db: Db): Synchronous<HouseholdsRepository> {
  let repository: Synchronous<HouseholdsRepository>;
  const loadMembers = (householdId: number): Member[] =>
    db
      .select(memberColumns)
      .from(members)
      .where(eq(members.householdId, householdId))
      .orderBy(asc(members.memberId))
      .all();

  /** This operator's household matching `match`, with its members. */
  const findHousehold = (operatorId: string, match: SQL): Household | undefined => {
    const row = db
      .select()
      .from(households)
      .where(and(eq(households.operatorId, operatorId), match))
      .get();
    return row && toHousehold(row, loadMembers(row.id));
  };

  repository = {
    searchMembers(operatorId, { name, birthDate, address }, limit) {
      const conditions = [sql`m.operator_id = ${operatorId}`];
      if (name?.trim()) conditions.push(sql`m.name_key LIKE ${`%${normaliseName(name)}%`}`);
      if (birthDate?.trim()) conditions.push(sql`m.birth_date = ${birthDate.trim()}`);
      if (address?.trim()) conditions.push(sql`h.address_key LIKE ${`%${normaliseAddress(address)}%`}`);
      if (conditions.length === 1) return [];
      return db.all<MemberSearchRow>(sql`
        SELECT m.id, m.member_id AS memberId, m.name, m.birth_date AS birthDate, m.gender, h.id AS householdId,
          h.contract_id AS contractId, h.address, h.address_key AS addressKey, h.status
        FROM members m JOIN households h ON h.id = m.household_id
        WHERE ${sql.join(conditions, sql` AND `)} ORDER BY h.contract_id, m.member_id LIMIT ${limit}`);
    },
    correctMember(operatorId, memberRowId, fields) {
      db.update(members)
        .set({ ...fields, nameKey: normaliseName(fields.name) })
        .where(and(eq(members.operatorId, operatorId), eq(members.id, memberRowId)))
        .run();
    },
    search(operatorId, { q, status, limit, offset }) {
      const conditions = [sql`h.operator_id = ${operatorId}`];
      if (status === "active" || status === "closed") conditions.push(sql`h.status = ${status}`);
      if (q?.trim()) {
        const raw = `%${q.trim()}%`;
        const addr = `%${normaliseAddress(q)}%`;
        const name = `%${normaliseName(q)}%`;
        const cable = cableIdSearchKey(q);
        const byCableId = cable
          ? sql` OR EXISTS (SELECT 1 FROM cable_ids c WHERE c.operator_id = h.operator_id AND c.household_id = h.id
              AND replace(c.cable_id, '-', '') LIKE ${`%${cable}%`})`
          : sql``;
        conditions.push(
          sql`(h.contract_id LIKE ${raw} OR h.address_key LIKE ${addr} OR EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.name_key LIKE ${name})${byCableId})`,
        );
      }
      const where = sql.join(conditions, sql` AND `);
      const rows = db.all<HouseholdSummary>(sql`
        SELECT h.id, h.contract_id AS contractId, h.address, h.plan, h.monthly_fee_yen AS monthlyFeeYen, h.status,
          COALESCE((SELECT group_concat(m.name, '、') FROM members m WHERE m.household_id = h.id), '') AS memberNames,
          (SELECT count(*) FROM cable_ids c WHERE c.operator_id = h.operator_id AND c.household_id = h.id
             AND c.status = 'linked') AS linkedCount
        FROM households h WHERE ${where} ORDER BY h.contract_id LIMIT ${limit} OFFSET ${offset}`);
      const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM households h WHERE ${where}`)?.n ?? 0;
      return { rows, total };
    },
    get(operatorId, id) {
      return findHousehold(operatorId, eq(households.id, id));
    },
    getByContractId(operatorId, contractId) {
      return findHousehold(operatorId, eq(households.contractId, contractId));
    },
    memberByMemberId(operatorId, memberId) {
      return db
        .select({ ...memberColumns, householdId: members.householdId })
        .from(members)
        .where(and(eq(members.operatorId, operatorId), eq(members.memberId, memberId)))
        .get();
    },
    create(operatorId, input) {
      const row = db
        .insert(households)
        .values({
          operatorId,
          contractId: input.contractId,
          address: input.address,
          addressKey: normaliseAddress(input.address),
          plan: input.plan,
          monthlyFeeYen: input.monthlyFeeYen,
          serviceStartDate: input.serviceStartDate,
        })
        .returning({ id: households.id })
        .get();
      if (input.members.length > 0) {
        db.insert(members)
          .values(memberRows(operatorId, row.id, input.contractId, input.members, 0))
          .run();
      }
      return row.id;
    },
    update(operatorId, id, input) {
      const current = repository.get(operatorId, id);
      if (!current) return;
      db.update(households)
        .set({
          address: input.address,
          addressKey: normaliseAddress(input.address),
          plan: input.plan,
          monthlyFeeYen: input.monthlyFeeYen,
          serviceStartDate: input.serviceStartDate,
        })
        .where(operatorsHousehold(operatorId, id))
        .run();
      const existingIds = new Set(current.members.map((m) => m.memberId));
      for (const m of input.members.filter((x) => x.memberId && existingIds.has(x.memberId))) {
        db.update(members)
          .set({ name: m.name, nameKey: normaliseName(m.name), birthDate: m.birthDate, gender: m.gender })
          .where(and(eq(members.operatorId, operatorId), eq(members.memberId, m.memberId ?? "")))
          .run();
      }
      const added = input.members.filter((x) => !x.memberId || !existingIds.has(x.memberId));
      if (added.length > 0) {
        const highest = Math.max(0, ...current.members.map((m) => Number(m.memberId.split("-").pop()) || 0));
        db.insert(members)
          .values(
            memberRows(
              operatorId,
              id,
              current.contractId,
              added.map((m) => ({ ...m, memberId: undefined })),
              highest,
            ),
          )
          .run();
      }
    },
    close(operatorId, id, at) {
      db.update(households)
        .set({ status: "closed", closedAt: at })
        .where(operatorsHousehold(operatorId, id))
        .run();
    },
    matchCandidates(operatorId, birthDate) {
      return db
        .select({
          name: members.name,
          householdId: members.householdId,
          memberRowId: members.id,
          memberId: members.memberId,
          addressKey: households.addressKey,
        })
        .from(members)
        .innerJoin(households, eq(households.id, members.householdId))
        .where(
          and(
            eq(members.operatorId, operatorId),
            eq(members.birthDate, birthDate),
            eq(households.status, "active"),
          ),
        )
        .all();
    },
    exportAll(operatorId) {
      const rows = db
        .select()
        .from(households)
        .where(eq(households.operatorId, operatorId))
        .orderBy(asc(households.contractId))
        .all();
      const all = db
        .select({ ...memberColumns, householdId: members.householdId })
        .from(members)
        .where(eq(members.operatorId, operatorId))
        .orderBy(asc(members.memberId))
        .all();
      const byHousehold = new Map<number, Member[]>();
      for (const { householdId, ...member } of all) {
        const list = byHousehold.get(householdId) ?? [];
        list.push(member);
        byHousehold.set(householdId, list);
      }
      return rows.map((row) => toHousehold(row, byHousehold.get(row.id) ?? []));
    },
    count(operatorId) {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(households)
          .where(eq(households.operatorId, operatorId))
          .get()?.n ?? 0
      );
    },
  };
  return repository;
}
